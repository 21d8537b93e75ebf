using System.Net;
using LongLivedTransactions.Local.Security;
using Microsoft.AspNetCore.Builder;
using Microsoft.AspNetCore.Hosting;
using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;
using Microsoft.AspNetCore.Http;
using Microsoft.Extensions.DependencyInjection;
using Microsoft.Extensions.Logging;
using Yarp.ReverseProxy.Forwarder;
using Yarp.ReverseProxy.Transforms;

namespace LongLivedTransactions.Local.DynamoDb;

/// <summary>
/// The DynamoDB endpoint users see: a reverse proxy (YARP) on 127.0.0.1 in front of dynalite, with the checks of
/// <see cref="LocalRequestGuard"/> (loopback Host, AWS-style Authorization, no preflight) and without the
/// <c>Access-Control-Allow-*</c> headers dynalite sends to every origin. dynalite itself listens on a port of its own.
/// </summary>
public sealed class DynamoDbProxy : IAsyncDisposable
{
    private readonly WebApplication app;

    private DynamoDbProxy(WebApplication app, Uri endpoint)
    {
        this.app = app;
        Endpoint = endpoint;
    }

    public Uri Endpoint { get; }

    public static async Task<DynamoDbProxy> StartAsync(Uri dynalite, int port, CancellationToken cancellationToken)
    {
        ArgumentNullException.ThrowIfNull(dynalite);
        WebApplicationBuilder builder = WebApplication.CreateSlimBuilder(new WebApplicationOptions
        {
            ApplicationName = typeof(DynamoDbProxy).Assembly.GetName().Name,
            ContentRootPath = AppContext.BaseDirectory,
        });
        builder.Logging.ClearProviders();
        builder.WebHost.ConfigureKestrel(kestrel =>
        {
            kestrel.Listen(IPAddress.Loopback, port);

            // DynamoDB's own limit on a request (BatchWriteItem of 25 items of 400 KB) is well under this.
            kestrel.Limits.MaxRequestBodySize = 16 * 1024 * 1024;
        });
        builder.Services.AddHttpForwarder();

        WebApplication app = builder.Build();
        var invoker = new HttpMessageInvoker(new SocketsHttpHandler { UseProxy = false, AllowAutoRedirect = false, UseCookies = false });
        var transformer = new WithoutCors();
        string destination = dynalite.ToString();
        app.Map("/{**path}", async (HttpContext context, IHttpForwarder forwarder) =>
        {
            if (await LocalRequestGuard.RefuseAsync(context, _ => true, RefusalShape.DynamoDb).ConfigureAwait(false))
            {
                return;
            }

            await forwarder.SendAsync(context, destination, invoker, ForwarderRequestConfig.Empty, transformer).ConfigureAwait(false);
        });
        app.Lifetime.ApplicationStopped.Register(invoker.Dispose);

        await app.StartAsync(cancellationToken).ConfigureAwait(false);
        string address = app.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return new DynamoDbProxy(app, new Uri(address));
    }

    public async ValueTask DisposeAsync()
    {
        await app.StopAsync().ConfigureAwait(false);
        await app.DisposeAsync().ConfigureAwait(false);
    }

    /// <summary>Forwards as is, and drops every CORS header from dynalite's answers.</summary>
    private sealed class WithoutCors : HttpTransformer
    {
        public override async ValueTask<bool> TransformResponseAsync(HttpContext httpContext, HttpResponseMessage? proxyResponse, CancellationToken cancellationToken)
        {
            bool result = await base.TransformResponseAsync(httpContext, proxyResponse, cancellationToken).ConfigureAwait(false);
            IHeaderDictionary headers = httpContext.Response.Headers;
            foreach (string name in headers.Keys.Where(name => name.StartsWith("Access-Control-", StringComparison.OrdinalIgnoreCase)).ToList())
            {
                headers.Remove(name);
            }

            return result;
        }
    }
}
