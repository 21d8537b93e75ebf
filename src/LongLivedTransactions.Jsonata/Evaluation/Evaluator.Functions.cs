using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Parsing;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Evaluation;

/// <summary>Function calls, lambdas (with tail calls), partial application, <c>~&gt;</c> and transforms.</summary>
internal sealed partial class Evaluator
{
    private object? EvaluateFunctionCall(Node expr, object? input, Frame environment, bool hasContextArgument, object? contextArgument)
    {
        var procedure = Evaluate(expr.Procedure!, input, environment);
        var procedureName = ProcedureName(expr.Procedure!);
        if (procedure is null && expr.Procedure!.Type == NodeType.Path && environment.Lookup(procedureName) is not null)
        {
            // The user probably forgot the $ of a function name.
            throw new JsonataException("T1005", $"Attempted to invoke a non-function. Did you mean ${procedureName}?", expr.Position, procedureName);
        }

        var offset = hasContextArgument ? 1 : 0;
        var arguments = new object?[expr.Arguments!.Count + offset];
        if (hasContextArgument)
        {
            arguments[0] = contextArgument;
        }

        for (var i = 0; i < expr.Arguments.Count; i++)
        {
            arguments[i + offset] = Evaluate(expr.Arguments[i], input, environment);
        }

        try
        {
            return Apply(procedure, arguments, input, environment);
        }
        catch (JsonataException error) when (Annotate(error, expr.Position, procedureName))
        {
            throw; // not reached: Annotate only adds the position and name
        }
    }

    /// <summary>
    /// Adds where an error happened, if it does not say yet. Used as an exception filter (it returns false), so
    /// a deep recursion is not unwound through a catch and rethrow at every level, which would need stack itself.
    /// </summary>
    private static bool Annotate(JsonataException error, int position, string? token)
    {
        if (error.Position < 0)
        {
            error.Position = position;
        }

        error.Token ??= token;
        return false;
    }

    private static string ProcedureName(Node procedure) => procedure.Type == NodeType.Path ? procedure.Steps![0].Text : procedure.Text;

    /// <summary>Calls a function value, unwinding tail calls (thunks) in a loop so recursion does not grow the stack.</summary>
    public object? Apply(object? procedure, object?[] arguments, object? input, Frame environment)
    {
        var result = ApplyOnce(procedure, arguments, input, environment);
        while (result is Lambda { IsThunk: true } thunk)
        {
            var call = thunk.Definition.Body!;
            var next = Evaluate(call.Procedure!, thunk.Input, thunk.Environment);
            var nextArguments = new object?[call.Arguments!.Count];
            for (var i = 0; i < nextArguments.Length; i++)
            {
                nextArguments[i] = Evaluate(call.Arguments[i], thunk.Input, thunk.Environment);
            }

            try
            {
                result = ApplyOnce(next, nextArguments, input, environment);
            }
            catch (JsonataException error) when (Annotate(error, call.Position, ProcedureName(call.Procedure!)))
            {
                throw; // not reached
            }
        }

        return result;
    }

    private object? ApplyOnce(object? procedure, object?[] arguments, object? input, Frame environment)
    {
        switch (procedure)
        {
            case Lambda lambda:
                var lambdaArguments = lambda.Definition.Signature?.Validate(arguments, input) ?? arguments;
                return ApplyLambda(lambda, lambdaArguments);
            case NativeFunction native:
                var nativeArguments = native.Signature?.Validate(arguments, input, native.Name) ?? arguments;
                return native.Implementation(nativeArguments, new CallContext(this, input, environment));
            case JsonataRegex regex:
                return NativeFunction.Argument(arguments, 0) is string text ? regex.Execute(text, 0) : null;
            case PartialFunction partial:
                return Apply(partial.Target, partial.Fill(arguments), input, environment);
            case ChainedFunction chained:
                var first = Apply(chained.First, [NativeFunction.Argument(arguments, 0)], input, environment);
                return Apply(chained.Second, [first], input, environment);
            default:
                throw new JsonataException("T1006", "Attempted to invoke a non-function");
        }
    }

    private object? ApplyLambda(Lambda lambda, object?[] arguments)
    {
        var frame = new Frame(lambda.Environment);
        for (var i = 0; i < lambda.Parameters.Count; i++)
        {
            frame.Bind(lambda.Parameters[i].Text, i < arguments.Length ? arguments[i] : null);
        }

        return Evaluate(lambda.Definition.Body!, lambda.Input, frame);
    }

    private object? EvaluatePartialApplication(Node expr, object? input, Frame environment)
    {
        var arguments = new object?[expr.Arguments!.Count];
        for (var i = 0; i < arguments.Length; i++)
        {
            var argument = expr.Arguments[i];
            arguments[i] = argument is { Type: NodeType.Operator, Id: "?" }
                ? PartialFunction.Placeholder
                : Evaluate(argument, input, environment);
        }

        var procedure = Evaluate(expr.Procedure!, input, environment);
        var procedureName = ProcedureName(expr.Procedure!);
        if (procedure is null && expr.Procedure!.Type == NodeType.Path && environment.Lookup(procedureName) is not null)
        {
            throw new JsonataException("T1007", $"Attempted to partially apply a non-function. Did you mean ${procedureName}?", expr.Position, procedureName);
        }

        switch (procedure)
        {
            case Lambda lambda:
                // Bind the supplied arguments in a new scope; the ? parameters stay open.
                var frame = new Frame(lambda.Environment);
                var open = new List<Node>();
                for (var i = 0; i < lambda.Parameters.Count; i++)
                {
                    var argument = i < arguments.Length ? arguments[i] : null;
                    if (ReferenceEquals(argument, PartialFunction.Placeholder))
                    {
                        open.Add(lambda.Parameters[i]);
                    }
                    else
                    {
                        frame.Bind(lambda.Parameters[i].Text, argument);
                    }
                }

                return new Lambda(lambda.Definition, open, lambda.Input, frame);
            case JsonataFunction function:
                // A native function takes as many arguments as it declares; extra ones are dropped.
                var declared = Math.Max(function.Arity, 0);
                var bound = new object?[declared];
                for (var i = 0; i < declared; i++)
                {
                    bound[i] = i < arguments.Length ? arguments[i] : null;
                }

                return new PartialFunction(function, bound);
            default:
                throw new JsonataException("T1008", "Attempted to partially apply a non-function", expr.Position, procedureName);
        }
    }

    private object? EvaluateApply(Node expr, object? input, Frame environment)
    {
        if (expr.Rhs!.Type == NodeType.Function)
        {
            // x ~> $f(a) calls $f(x, a).
            var context = Evaluate(expr.Lhs!, input, environment);
            return EvaluateFunctionCall(expr.Rhs, input, environment, hasContextArgument: true, contextArgument: context);
        }

        var left = Evaluate(expr.Lhs!, input, environment);
        var function = Evaluate(expr.Rhs, input, environment);
        if (function is not JsonataFunction right)
        {
            throw new JsonataException("T2006", "The right side of the function application operator ~> must be a function", expr.Position, value: function);
        }

        if (left is JsonataFunction leftFunction)
        {
            return new ChainedFunction(leftFunction, right);
        }

        return Apply(right, [left], null, environment);
    }

    private NativeFunction CreateTransform(Node expr, Frame environment)
    {
        return new NativeFunction("transform", "<(oa):o>", 1, (arguments, _) =>
        {
            var target = NativeFunction.Argument(arguments, 0);
            if (target is null)
            {
                return null;
            }

            // The transform works on a deep copy, made as jsonata-js makes it (through JSON text).
            var result = JsonataValue.Parse(JsonataJson.Stringify(target)!);
            var matches = Evaluate(expr.Pattern!, result, environment);
            if (matches is null)
            {
                return result;
            }

            var matchList = matches as JsonataArray ?? [matches];
            foreach (var match in matchList)
            {
                var update = Evaluate(expr.Update!, match, environment);
                if (update is not null)
                {
                    if (update is not OrderedDictionary<string, object?> changes)
                    {
                        throw new JsonataException("T2011", "The insert/update clause of the transform expression must evaluate to an object", expr.Update!.Position, value: update);
                    }

                    if (match is OrderedDictionary<string, object?> matchedObject)
                    {
                        foreach (var (key, value) in changes)
                        {
                            matchedObject[key] = value;
                        }
                    }
                }

                if (expr.Delete is not null)
                {
                    var deletions = Evaluate(expr.Delete, match, environment);
                    if (deletions is not null)
                    {
                        var names = deletions as JsonataArray ?? [deletions];
                        if (!JsonataValue.IsArrayOfStrings(names))
                        {
                            throw new JsonataException("T2012", "The delete clause of the transform expression must evaluate to a string or array of strings", expr.Delete.Position, value: deletions);
                        }

                        if (match is OrderedDictionary<string, object?> matchedObject)
                        {
                            foreach (var name in names)
                            {
                                matchedObject.Remove((string)name!);
                            }
                        }
                    }
                }
            }

            return result;
        });
    }

    /// <summary>$eval: parses and evaluates an expression given as a string, in the caller's scope.</summary>
    internal object? EvaluateText(string? text, object? focus, bool hasFocus, object? input, Frame environment)
    {
        if (text is null)
        {
            return null;
        }

        if (hasFocus && focus is not null)
        {
            input = focus;
            if (input is JsonataArray { IsSequence: false } array)
            {
                input = new JsonataArray(1) { IsSequence = true, IsOuterWrapper = true };
                ((JsonataArray)input).Add(array);
            }
        }

        Node ast;
        try
        {
            ast = Parser.Parse(text);
        }
        catch (JsonataException error)
        {
            throw new JsonataException("D3120", $"Syntax error in expression passed to function eval: {error.Message}", value: error.Message);
        }

        try
        {
            return Evaluate(ast, input, environment);
        }
        catch (JsonataException error)
        {
            throw new JsonataException("D3121", $"Dynamic error evaluating the expression passed to function eval: {error.Message}", value: error.Message);
        }
    }

    /// <summary>What a native function sees of the evaluation calling it.</summary>
    private sealed class CallContext : FunctionCallContext
    {
        private readonly Evaluator _evaluator;
        private readonly Frame _environment;

        public CallContext(Evaluator evaluator, object? input, Frame environment)
        {
            _evaluator = evaluator;
            Input = input;
            _environment = environment;
        }

        public override object? Input { get; }

        public override DateTimeOffset Timestamp => _evaluator.Timestamp;

        public Frame Environment => _environment;

        public Evaluator Evaluator => _evaluator;

        public override object? Apply(JsonataFunction callee, object?[] arguments) => _evaluator.Apply(callee, arguments, null, _environment);
    }

    /// <summary>The $eval function of the standard dialect.</summary>
    public static NativeFunction CreateEval() => new("eval", "<sx?:x>", 2, (arguments, context) =>
    {
        var call = (CallContext)context;
        return call.Evaluator.EvaluateText(NativeFunction.Argument(arguments, 0) as string, NativeFunction.Argument(arguments, 1), arguments.Length > 1, call.Input, call.Environment);
    });
}
