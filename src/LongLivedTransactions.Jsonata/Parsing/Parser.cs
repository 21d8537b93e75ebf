using LongLivedTransactions.Jsonata.Functions;
using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Parsing;

/// <summary>
/// A Pratt (top-down operator precedence) parser for JSONata 2.0.6. It builds the raw syntax tree;
/// <see cref="AstBuilder"/> then reshapes it for the evaluator.
/// </summary>
internal sealed partial class Parser
{
    private readonly string _source;
    private readonly Tokenizer _tokenizer;
    private Node _node = null!;

    private Parser(string source)
    {
        _source = source;
        _tokenizer = new Tokenizer(source);
    }

    /// <summary>Parses and reshapes an expression; a syntax error is a <see cref="JsonataException"/> (S0xxx).</summary>
    public static Node Parse(string source)
    {
        var parser = new Parser(source);
        parser.Advance();
        var tree = parser.Expression(0);
        if (parser._node.Id != "(end)")
        {
            throw new JsonataException("S0201", $"Syntax error: \"{parser._node.Value}\"", parser._node.Position, parser._node.Value?.ToString());
        }

        var ast = new AstBuilder().Build(tree);
        if (ast.Type == NodeType.Parent || ast.SeekingParent is not null)
        {
            throw new JsonataException("S0217", $"The object representing the 'parent' cannot be derived from this expression", ast.Position, ast.Type.ToString().ToLowerInvariant());
        }

        return ast;
    }

    /// <summary>The binding power of a symbol used as an infix operator (0: it ends an expression).</summary>
    private static int LeftBindingPower(string id) => id switch
    {
        "." => 75,
        "[" or "(" or "@" or "#" => 80,
        "{" => 70,
        "*" or "/" or "%" => 60,
        "+" or "-" or "&" => 50,
        "=" or "<" or ">" or "!=" or "<=" or ">=" or "^" or "~>" or "in" => 40,
        "and" => 30,
        "or" => 25,
        "?" => 20,
        ":=" => 10,
        _ => 0,
    };

    private Node Advance(string? expected = null, bool infix = false)
    {
        if (expected is not null && _node.Id != expected)
        {
            var code = _node.Id == "(end)" ? "S0203" : "S0202";
            var message = code == "S0203"
                ? $"Expected \"{expected}\" before end of expression"
                : $"Expected \"{expected}\", got \"{_node.Value}\"";
            throw new JsonataException(code, message, _node.Position, _node.Value?.ToString(), expected);
        }

        var token = _tokenizer.Next(infix);
        if (token is null)
        {
            _node = new Node(NodeType.End, "(end)", "(end)", _source.Length);
            return _node;
        }

        _node = token.Type switch
        {
            TokenType.Name => new Node(NodeType.Name, "(name)", token.Value, token.Position),
            TokenType.Variable => new Node(NodeType.Variable, "(name)", token.Value, token.Position),
            TokenType.String => new Node(NodeType.String, "(literal)", token.Value, token.Position),
            TokenType.Number => new Node(NodeType.Number, "(literal)", token.Value, token.Position),
            TokenType.Value => new Node(NodeType.Value, "(literal)", token.Value, token.Position),
            TokenType.Regex => new Node(NodeType.Regex, "(regex)", token.Value, token.Position),
            _ when token.Text is "!" or "~" => throw new JsonataException("S0204", $"Unknown operator: \"{token.Text}\"", token.Position, token.Text),
            _ => new Node(NodeType.Operator, token.Text, token.Text, token.Position),
        };
        return _node;
    }

    private Node Expression(int rightBindingPower)
    {
        var token = _node;
        Advance(null, infix: true);
        var left = Prefix(token);
        while (rightBindingPower < LeftBindingPower(_node.Id))
        {
            token = _node;
            Advance();
            left = Infix(token, left);
        }

        return left;
    }

    /// <summary>A token at the start of an expression (nud).</summary>
    private Node Prefix(Node token)
    {
        switch (token.Id)
        {
            case "(name)":
            case "(literal)":
            case "(regex)":
            case "(end)":
            case "and":
            case "or":
            case "in":
                return token;
            case "-":
                token.Expression = Expression(70);
                token.Type = NodeType.Unary;
                return token;
            case "*":
                token.Type = NodeType.Wildcard;
                return token;
            case "**":
                token.Type = NodeType.Descendant;
                return token;
            case "%":
                token.Type = NodeType.Parent;
                return token;
            case "(":
                return Block(token);
            case "[":
                return ArrayConstructor(token);
            case "{":
                return ObjectConstructor(token, null);
            case "|":
                return Transform(token);
            default:
                throw new JsonataException("S0211", $"The symbol {token.Value} cannot be used as a unary operator", token.Position, token.Value?.ToString());
        }
    }

    /// <summary>A token after an expression (led).</summary>
    private Node Infix(Node token, Node left)
    {
        switch (token.Id)
        {
            case "(":
                return FunctionCall(token, left);
            case "[":
                return Predicate(token, left);
            case "^":
                return OrderBy(token, left);
            case "{":
                return ObjectConstructor(token, left);
            case ":=":
                return Bind(token, left);
            case "@":
            case "#":
                return VariableBinding(token, left);
            case "?":
                return Conditional(token, left);
            default:
                token.Lhs = left;
                token.Rhs = Expression(LeftBindingPower(token.Id));
                token.Type = NodeType.Binary;
                return token;
        }
    }
}
