using System.Globalization;
using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Faults;

/// <summary>The faults one Lambda invocation can be given, each with its probability.</summary>
/// <param name="ServiceException">The invocation fails with <c>Lambda.ServiceException</c> before the function runs.</param>
/// <param name="TooManyRequests">The invocation is throttled (<c>Lambda.TooManyRequestsException</c>) before the function runs.</param>
/// <param name="WriteThenFail">The function runs and commits its write, then the invocation fails with <c>Lambda.ServiceException</c>.</param>
/// <param name="Timeout">The function hangs before its write until Lambda stops it at the function timeout.</param>
public sealed record LambdaFaultRates(double ServiceException = 0, double TooManyRequests = 0, double WriteThenFail = 0, double Timeout = 0)
{
    public double Total => ServiceException + TooManyRequests + WriteThenFail + Timeout;
}

/// <summary>
/// Which faults the local cloud injects, and how often: Lambda invocation faults (for all functions, or per function),
/// throttling of the functions' DynamoDB requests, and SNS publish failures. One seed makes the choices replayable.
/// </summary>
public sealed record FaultPlan
{
    public int Seed { get; init; }

    /// <summary>Rates for every function without its own entry in <see cref="FunctionLambda"/>.</summary>
    public LambdaFaultRates Lambda { get; init; } = new();

    /// <summary>Rates for one function by name (NewOrder, DebitPayment, ...), replacing <see cref="Lambda"/> for it.</summary>
    public IReadOnlyDictionary<string, LambdaFaultRates> FunctionLambda { get; init; } = new Dictionary<string, LambdaFaultRates>();

    /// <summary>Probability that one DynamoDB request of a function is answered ProvisionedThroughputExceededException.</summary>
    public double DynamoDbThrottle { get; init; }

    /// <summary>Probability that one SNS publish fails.</summary>
    public double SnsPublish { get; init; }

    public LambdaFaultRates RatesFor(string functionName) => FunctionLambda.GetValueOrDefault(functionName, Lambda);

    /// <summary>
    /// One overall rate spread over every kind: a Lambda invocation faults with probability <paramref name="rate"/>
    /// (60 % transient errors, 30 % a write followed by a failure, 10 % a timeout), a DynamoDB request is throttled
    /// with probability rate / 2, and an SNS publish fails with probability rate.
    /// </summary>
    public static FaultPlan FromRate(double rate, int seed)
    {
        ValidateRate(rate, "--fault-rate");
        return new FaultPlan
        {
            Seed = seed,
            Lambda = new LambdaFaultRates(ServiceException: rate * 0.4, TooManyRequests: rate * 0.2, WriteThenFail: rate * 0.3, Timeout: rate * 0.1),
            DynamoDbThrottle = rate / 2,
            SnsPublish = rate,
        };
    }

    /// <summary>
    /// Reads a fault file:
    /// <c>{"seed": 7, "lambda": {"serviceException": 0.05, "tooManyRequests": 0, "writeThenFail": 0.02, "timeout": 0.01},
    /// "functions": {"DebitPayment": {"serviceException": 0.5}}, "dynamoDbThrottle": 0.05, "snsPublish": 0.05}</c>.
    /// Every member is optional; an unknown member or a rate outside 0..1 is a <see cref="FormatException"/>.
    /// </summary>
    public static FaultPlan Parse(string json, int? seedOverride = null)
    {
        JsonObject root;
        try
        {
            root = JsonNode.Parse(json) as JsonObject ?? throw new FormatException("The fault file must be a JSON object.");
        }
        catch (JsonException invalid)
        {
            throw new FormatException($"The fault file is not valid JSON: {invalid.Message}", invalid);
        }

        int seed = 0;
        var plan = new FaultPlan();
        foreach ((string member, JsonNode? value) in root)
        {
            switch (member)
            {
                case "seed":
                    seed = value is JsonValue number && number.TryGetValue(out int parsed) ? parsed : throw new FormatException("'seed' must be an integer.");
                    break;
                case "lambda":
                    plan = plan with { Lambda = ReadLambda(value, "lambda") };
                    break;
                case "functions":
                    var functions = new Dictionary<string, LambdaFaultRates>(StringComparer.Ordinal);
                    foreach ((string function, JsonNode? rates) in value as JsonObject ?? throw new FormatException("'functions' must be an object."))
                    {
                        functions[function] = ReadLambda(rates, $"functions.{function}");
                    }

                    plan = plan with { FunctionLambda = functions };
                    break;
                case "dynamoDbThrottle":
                    plan = plan with { DynamoDbThrottle = ReadRate(value, member) };
                    break;
                case "snsPublish":
                    plan = plan with { SnsPublish = ReadRate(value, member) };
                    break;
                default:
                    throw new FormatException($"Unknown member '{member}' in the fault file (expected seed, lambda, functions, dynamoDbThrottle, snsPublish).");
            }
        }

        return plan with { Seed = seedOverride ?? seed };
    }

    /// <summary>A one-line description for logs and reports.</summary>
    public string Describe() => string.Create(
        CultureInfo.InvariantCulture,
        $"seed {Seed}; lambda {Lambda.Total:0.###} per invocation (service {Lambda.ServiceException:0.###}, throttled {Lambda.TooManyRequests:0.###}, write-then-fail {Lambda.WriteThenFail:0.###}, timeout {Lambda.Timeout:0.###}){(FunctionLambda.Count > 0 ? $", own rates for {string.Join(", ", FunctionLambda.Keys)}" : string.Empty)}; DynamoDB throttle {DynamoDbThrottle:0.###}; SNS publish {SnsPublish:0.###}");

    private static LambdaFaultRates ReadLambda(JsonNode? node, string path)
    {
        var rates = new LambdaFaultRates();
        foreach ((string member, JsonNode? value) in node as JsonObject ?? throw new FormatException($"'{path}' must be an object."))
        {
            double rate = ReadRate(value, $"{path}.{member}");
            rates = member switch
            {
                "serviceException" => rates with { ServiceException = rate },
                "tooManyRequests" => rates with { TooManyRequests = rate },
                "writeThenFail" => rates with { WriteThenFail = rate },
                "timeout" => rates with { Timeout = rate },
                _ => throw new FormatException($"Unknown member '{path}.{member}' (expected serviceException, tooManyRequests, writeThenFail, timeout)."),
            };
        }

        return rates.Total <= 1 ? rates : throw new FormatException($"The rates of '{path}' add up to more than 1.");
    }

    private static double ReadRate(JsonNode? node, string path)
    {
        double rate = node is JsonValue value && value.TryGetValue(out double parsed) ? parsed : throw new FormatException($"'{path}' must be a number from 0 to 1.");
        ValidateRate(rate, path);
        return rate;
    }

    private static void ValidateRate(double rate, string name)
    {
        if (!(rate >= 0 && rate <= 1))
        {
            throw new FormatException($"'{name}' must be a number from 0 to 1, got {rate.ToString(CultureInfo.InvariantCulture)}.");
        }
    }
}
