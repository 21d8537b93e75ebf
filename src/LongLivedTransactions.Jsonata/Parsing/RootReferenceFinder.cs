namespace LongLivedTransactions.Jsonata.Parsing;

/// <summary>
/// Finds the names an expression reads from its input at the top level (<c>phone</c> in <c>phone &amp; "x"</c>,
/// not inside predicates, later path steps or lambda bodies, where they read something else). Hosts that give
/// expressions no input, such as Step Functions, refuse these references.
/// </summary>
internal static class RootReferenceFinder
{
    public static IReadOnlyList<string> Find(Node ast)
    {
        var names = new List<string>();
        Visit(ast, names);
        return names;
    }

    private static void Visit(Node? node, List<string> names)
    {
        if (node is null)
        {
            return;
        }

        switch (node.Type)
        {
            case NodeType.Path:
                var first = node.Steps![0];
                if (first.Type == NodeType.Name)
                {
                    names.Add(first.Text);
                }
                else
                {
                    Visit(first, names);
                }

                break;
            case NodeType.Name:
                names.Add(node.Text);
                break;
            case NodeType.Variable when node.Text.Length == 0:
                names.Add("$");
                break;
            case NodeType.Wildcard:
            case NodeType.Descendant:
                names.Add(node.Id);
                break;
            case NodeType.Binary:
            case NodeType.Apply:
                Visit(node.Lhs, names);
                Visit(node.Rhs, names);
                break;
            case NodeType.Bind:
                Visit(node.Rhs, names);
                break;
            case NodeType.Unary:
                Visit(node.Expression, names);
                node.Expressions?.ForEach(item => Visit(item, names));
                node.Pairs?.ForEach(pair =>
                {
                    Visit(pair.Key, names);
                    Visit(pair.Value, names);
                });
                break;
            case NodeType.Condition:
                Visit(node.Condition, names);
                Visit(node.Then, names);
                Visit(node.Else, names);
                break;
            case NodeType.Block:
                node.Expressions!.ForEach(item => Visit(item, names));
                break;
            case NodeType.Function:
            case NodeType.Partial:
                Visit(node.Procedure, names);
                node.Arguments!.ForEach(argument => Visit(argument, names));
                break;
        }
    }
}
