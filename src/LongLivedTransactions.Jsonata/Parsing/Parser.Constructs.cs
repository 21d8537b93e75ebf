using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Parsing;

/// <summary>The parser's compound constructs: calls and lambdas, blocks, constructors, predicates, order-by, bindings.</summary>
internal sealed partial class Parser
{
    private Node FunctionCall(Node token, Node left)
    {
        token.Procedure = left;
        token.Type = NodeType.Function;
        token.Arguments = [];
        if (_node.Id != ")")
        {
            while (true)
            {
                if (_node.Type == NodeType.Operator && _node.Id == "?")
                {
                    // A ? argument makes this a partial application.
                    token.Type = NodeType.Partial;
                    token.Arguments.Add(_node);
                    Advance("?");
                }
                else
                {
                    token.Arguments.Add(Expression(0));
                }

                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance(")", infix: true);

        if (left.Type == NodeType.Name && left.Value is "function" or "\u03BB")
        {
            return Lambda(token);
        }

        return token;
    }

    private Node Lambda(Node token)
    {
        for (var i = 0; i < token.Arguments!.Count; i++)
        {
            var argument = token.Arguments[i];
            if (argument.Type != NodeType.Variable)
            {
                throw new JsonataException("S0208", $"Parameter {i + 1} of function definition must be a variable name (start with $)", argument.Position, argument.Value?.ToString(), (double)(i + 1));
            }
        }

        token.Type = NodeType.Lambda;
        if (_node.Id == "<")
        {
            var signaturePosition = _node.Position;
            var depth = 1;
            var signature = "<";
            while (depth > 0 && _node.Id != "{" && _node.Id != "(end)")
            {
                var part = Advance();
                if (part.Id == ">")
                {
                    depth--;
                }
                else if (part.Id == "<")
                {
                    depth++;
                }

                signature += part.Value switch
                {
                    string text => text,
                    null => string.Empty,
                    var other => other.ToString(),
                };
            }

            Advance(">");
            try
            {
                token.Signature = Signature.Parse(signature);
            }
            catch (JsonataException error)
            {
                error.Position = signaturePosition + Math.Max(error.Position, 0);
                throw;
            }
        }

        Advance("{");
        token.Body = Expression(0);
        Advance("}");
        return token;
    }

    private Node Block(Node token)
    {
        var expressions = new List<Node>();
        while (_node.Id != ")")
        {
            expressions.Add(Expression(0));
            if (_node.Id != ";")
            {
                break;
            }

            Advance(";");
        }

        Advance(")", infix: true);
        token.Type = NodeType.Block;
        token.Expressions = expressions;
        return token;
    }

    private Node ArrayConstructor(Node token)
    {
        var items = new List<Node>();
        if (_node.Id != "]")
        {
            while (true)
            {
                var item = Expression(0);
                if (_node.Id == "..")
                {
                    var range = new Node(NodeType.Binary, "..", "..", _node.Position) { Lhs = item };
                    Advance("..");
                    range.Rhs = Expression(0);
                    item = range;
                }

                items.Add(item);
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("]", infix: true);
        token.Expressions = items;
        token.Type = NodeType.Unary;
        return token;
    }

    private Node ObjectConstructor(Node token, Node? left)
    {
        var pairs = new List<(Node, Node)>();
        if (_node.Id != "}")
        {
            while (true)
            {
                var key = Expression(0);
                Advance(":");
                var value = Expression(0);
                pairs.Add((key, value));
                if (_node.Id != ",")
                {
                    break;
                }

                Advance(",");
            }
        }

        Advance("}", infix: true);
        token.Pairs = pairs;
        if (left is null)
        {
            token.Type = NodeType.Unary;
        }
        else
        {
            // Group-by: the object constructor applies to the expression on its left.
            token.Lhs = left;
            token.Type = NodeType.Binary;
        }

        return token;
    }

    private Node Predicate(Node token, Node left)
    {
        if (_node.Id == "]")
        {
            // An empty predicate keeps singleton arrays in the output.
            var step = left;
            while (step is { Type: NodeType.Binary, Id: "[" })
            {
                step = step.Lhs!;
            }

            step.KeepArray = true;
            Advance("]");
            return left;
        }

        token.Lhs = left;
        token.Rhs = Expression(0);
        token.Type = NodeType.Binary;
        Advance("]", infix: true);
        return token;
    }

    private Node OrderBy(Node token, Node left)
    {
        Advance("(");
        var terms = new List<SortTerm>();
        while (true)
        {
            var descending = false;
            if (_node.Id == "<")
            {
                Advance("<");
            }
            else if (_node.Id == ">")
            {
                descending = true;
                Advance(">");
            }

            terms.Add(new SortTerm(descending, Expression(0)));
            if (_node.Id != ",")
            {
                break;
            }

            Advance(",");
        }

        Advance(")");
        token.Lhs = left;
        token.Terms = terms;
        token.Type = NodeType.Binary;
        return token;
    }

    private Node Bind(Node token, Node left)
    {
        if (left.Type != NodeType.Variable)
        {
            throw new JsonataException("S0212", "The left side of := must be a variable name (start with $)", left.Position, left.Value?.ToString());
        }

        token.Lhs = left;
        token.Rhs = Expression(LeftBindingPower(":=") - 1); // right associative
        token.Type = NodeType.Binary;
        return token;
    }

    private Node VariableBinding(Node token, Node left)
    {
        token.Lhs = left;
        token.Rhs = Expression(LeftBindingPower(token.Id));
        if (token.Rhs.Type != NodeType.Variable)
        {
            throw new JsonataException("S0214", $"The right side of {token.Id} must be a variable name (start with $)", token.Rhs.Position, token.Id);
        }

        token.Type = NodeType.Binary;
        return token;
    }

    private Node Conditional(Node token, Node left)
    {
        token.Type = NodeType.Condition;
        token.Condition = left;
        token.Then = Expression(0);
        if (_node.Id == ":")
        {
            Advance(":");
            token.Else = Expression(0);
        }

        return token;
    }

    private Node Transform(Node token)
    {
        token.Type = NodeType.Transform;
        token.Pattern = Expression(0);
        Advance("|");
        token.Update = Expression(0);
        if (_node.Id == ",")
        {
            Advance(",");
            token.Delete = Expression(0);
        }

        Advance("|");
        return token;
    }
}
