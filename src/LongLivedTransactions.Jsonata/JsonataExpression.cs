using LongLivedTransactions.Jsonata.Evaluation;
using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Parsing;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata;

/// <summary>A compiled JSONata expression: compile once, evaluate many times (thread-safe).</summary>
public sealed class JsonataExpression
{
    private readonly Node _ast;
    private readonly JsonataOptions _options;
    private readonly Frame _functions;

    private JsonataExpression(string text, Node ast, JsonataOptions options)
    {
        Text = text;
        _ast = ast;
        _options = options;
        _functions = new Frame(CreateFunctionBindings(options));
    }

    /// <summary>The expression as written.</summary>
    public string Text { get; }

    /// <summary>
    /// The names the expression reads from its input at the top level (field names, <c>$</c>, <c>*</c>, <c>**</c>),
    /// for hosts that evaluate expressions without an input and want to refuse such references up front.
    /// </summary>
    public IReadOnlyList<string> RootReferences => RootReferenceFinder.Find(_ast);

    /// <summary>Parses <paramref name="expression"/>; a syntax error is a <see cref="JsonataException"/> with an S0xxx code.</summary>
    public static JsonataExpression Compile(string expression, JsonataOptions? options = null)
    {
        ArgumentNullException.ThrowIfNull(expression);
        return new JsonataExpression(expression, Parser.Parse(expression), options ?? JsonataOptions.Default);
    }

    /// <summary>
    /// Evaluates against <paramref name="input"/> (C# null: no input at all) with variable bindings (names without
    /// the <c>$</c>). Returns C# null for undefined. Errors are <see cref="JsonataException"/>s.
    /// </summary>
    public object? Evaluate(object? input, IReadOnlyDictionary<string, object?>? bindings = null)
    {
        // An ordinal dictionary is looked up as it is; any other is copied, so that names compare as before.
        if (bindings is null || IsOrdinal(bindings))
        {
            return Run(input, new Frame(_functions, bindings, host: null, rootInput: input));
        }

        var environment = new Frame(_functions, bindings: null, host: null, rootInput: input);
        foreach (var (name, value) in bindings)
        {
            environment.Bind(name, value);
        }

        return Run(input, environment);
    }

    /// <summary>Evaluates with variables the host looks up on demand (see <see cref="IJsonataVariables"/>).</summary>
    public object? Evaluate(object? input, IJsonataVariables variables) =>
        Run(input, new Frame(_functions, bindings: null, host: variables, rootInput: input));

    private static bool IsOrdinal(IReadOnlyDictionary<string, object?> bindings) =>
        bindings is Dictionary<string, object?> dictionary
        && (ReferenceEquals(dictionary.Comparer, StringComparer.Ordinal) || ReferenceEquals(dictionary.Comparer, EqualityComparer<string>.Default));

    private object? Run(object? input, Frame environment)
    {
        // An input array is wrapped so that paths treat it as one value.
        if (input is JsonataArray { IsSequence: false } array)
        {
            var wrapper = new JsonataArray(1) { IsSequence = true, IsOuterWrapper = true };
            wrapper.Add(array);
            input = wrapper;
        }

        var evaluator = new Evaluator(_options);
        try
        {
            return evaluator.Evaluate(_ast, input, environment);
        }
        catch (InsufficientExecutionStackException)
        {
            throw new JsonataException("U1001", "Stack overflow error: Check for non-terminating recursive function.  Consider rewriting as tail-recursive.");
        }
    }

    private static Dictionary<string, object?> CreateFunctionBindings(JsonataOptions options)
    {
        var library = StandardLibrary.Create();
        if (options.Dialect == JsonataDialect.Standard)
        {
            library.Add("eval", Evaluator.CreateEval());
        }

        if (options.Functions is not null)
        {
            library.AddAll(options.Functions);
        }

        var bindings = new Dictionary<string, object?>(StringComparer.Ordinal);
        foreach (var (name, function) in library.Functions)
        {
            bindings[name] = function;
        }

        return bindings;
    }
}
