using System.Collections.Concurrent;
using System.Net;
using System.Net.Sockets;

/// <summary>
/// An HTTP forwarder between the saga's functions and dynalite that counts the DynamoDB operations passing through
/// it (by their X-Amz-Target), so the harness knows how many calls of each kind one saga makes.
/// </summary>
internal sealed class CountingForwarder : IDisposable
{
    private readonly HttpListener _listener = new();
    private readonly HttpClient _client = new();
    private readonly Uri _target;
    private readonly ConcurrentDictionary<string, int> _counts = new(StringComparer.Ordinal);
    private readonly Task _serving;

    public CountingForwarder(Uri target)
    {
        _target = target;
        int port = FreeLoopbackPort();
        Endpoint = new Uri($"http://127.0.0.1:{port}/");
        _listener.Prefixes.Add(Endpoint.ToString());
        _listener.Start();
        _serving = ServeAsync();
    }

    public Uri Endpoint { get; }

    /// <summary>The operations forwarded so far (PutItem, GetItem, Query, ...) and how many of each.</summary>
    public IReadOnlyDictionary<string, int> Snapshot() => new Dictionary<string, int>(_counts, StringComparer.Ordinal);

    public void Dispose()
    {
        _listener.Close();
        _client.Dispose();
    }

    private async Task ServeAsync()
    {
        while (_listener.IsListening)
        {
            HttpListenerContext context;
            try
            {
                context = await _listener.GetContextAsync();
            }
            catch (Exception e) when (e is HttpListenerException or ObjectDisposedException)
            {
                return;
            }

            _ = ForwardAsync(context);
        }
    }

    private async Task ForwardAsync(HttpListenerContext context)
    {
        using var body = new MemoryStream();
        await context.Request.InputStream.CopyToAsync(body);
        string target = context.Request.Headers["X-Amz-Target"] ?? "";
        _counts.AddOrUpdate(target[(target.IndexOf('.') + 1)..], 1, (_, count) => count + 1);

        using var request = new HttpRequestMessage(new HttpMethod(context.Request.HttpMethod), new Uri(_target, context.Request.RawUrl))
        {
            Content = new ByteArrayContent(body.ToArray()),
        };
        foreach (string? name in context.Request.Headers.AllKeys)
        {
            if (name is not null && name is not "Host" and not "Content-Length" and not "Content-Type")
            {
                request.Headers.TryAddWithoutValidation(name, context.Request.Headers[name]);
            }
        }

        request.Content.Headers.TryAddWithoutValidation("Content-Type", context.Request.ContentType ?? "application/x-amz-json-1.0");
        using HttpResponseMessage response = await _client.SendAsync(request);
        byte[] answer = await response.Content.ReadAsByteArrayAsync();
        context.Response.StatusCode = (int)response.StatusCode;
        foreach (var header in response.Headers.Concat(response.Content.Headers))
        {
            if (header.Key is not "Content-Length" and not "Transfer-Encoding")
            {
                context.Response.Headers[header.Key] = string.Join(",", header.Value);
            }
        }

        context.Response.ContentLength64 = answer.Length;
        await context.Response.OutputStream.WriteAsync(answer);
        context.Response.Close();
    }

    private static int FreeLoopbackPort()
    {
        using var listener = new TcpListener(IPAddress.Loopback, 0);
        listener.Start();
        return ((IPEndPoint)listener.LocalEndpoint).Port;
    }
}
