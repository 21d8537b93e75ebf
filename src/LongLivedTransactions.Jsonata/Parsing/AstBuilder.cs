using LongLivedTransactions.Jsonata.Values;

namespace LongLivedTransactions.Jsonata.Parsing;

/// <summary>
/// Reshapes the parser's tree for evaluation: dotted expressions become paths of steps, predicates become
/// stages, <c>@</c>/<c>#</c> bindings mark tuple steps, parent operators (<c>%</c>) are resolved to the step
/// that provides their value, and calls in tail position become thunks.
/// </summary>
internal sealed class AstBuilder
{
    private readonly List<Node> _ancestry = [];
    private int _ancestorLabel;
    private int _ancestorIndex;

    public Node Build(Node expr)
    {
        Node result;
        switch (expr.Type)
        {
            case NodeType.Binary:
                result = BuildBinary(expr);
                break;
            case NodeType.Unary:
                result = BuildUnary(expr);
                break;
            case NodeType.Function:
            case NodeType.Partial:
                result = new Node(expr.Type, expr.Id, expr.Value, expr.Position) { Arguments = [] };
                foreach (var argument in expr.Arguments!)
                {
                    var built = Build(argument);
                    PushAncestry(result, built);
                    result.Arguments.Add(built);
                }

                result.Procedure = Build(expr.Procedure!);
                break;
            case NodeType.Lambda:
                result = new Node(NodeType.Lambda, expr.Id, expr.Value, expr.Position)
                {
                    Arguments = expr.Arguments,
                    Signature = expr.Signature,
                    Body = OptimizeTailCall(Build(expr.Body!)),
                };
                break;
            case NodeType.Condition:
                result = new Node(NodeType.Condition, expr.Id, expr.Value, expr.Position) { Condition = Build(expr.Condition!) };
                PushAncestry(result, result.Condition);
                result.Then = Build(expr.Then!);
                PushAncestry(result, result.Then);
                if (expr.Else is not null)
                {
                    result.Else = Build(expr.Else);
                    PushAncestry(result, result.Else);
                }

                break;
            case NodeType.Transform:
                result = new Node(NodeType.Transform, expr.Id, expr.Value, expr.Position)
                {
                    Pattern = Build(expr.Pattern!),
                    Update = Build(expr.Update!),
                    Delete = expr.Delete is null ? null : Build(expr.Delete),
                };
                break;
            case NodeType.Block:
                result = new Node(NodeType.Block, expr.Id, expr.Value, expr.Position) { Expressions = [] };
                foreach (var item in expr.Expressions!)
                {
                    var part = Build(item);
                    PushAncestry(result, part);
                    if (part.ConsArray || (part.Type == NodeType.Path && part.Steps![0].ConsArray))
                    {
                        result.ConsArray = true;
                    }

                    result.Expressions.Add(part);
                }

                break;
            case NodeType.Name:
                result = new Node(NodeType.Path, expr.Id, null, expr.Position) { Steps = [expr] };
                if (expr.KeepArray)
                {
                    result.KeepSingletonArray = true;
                }

                break;
            case NodeType.Parent:
                result = new Node(NodeType.Parent, expr.Id, expr.Value, expr.Position)
                {
                    Slot = new ParentSlot("!" + _ancestorLabel++, 1, _ancestorIndex++),
                };
                _ancestry.Add(result);
                break;
            case NodeType.String:
            case NodeType.Number:
            case NodeType.Value:
            case NodeType.Wildcard:
            case NodeType.Descendant:
            case NodeType.Variable:
            case NodeType.Regex:
                result = expr;
                break;
            case NodeType.Operator:
                if (expr.Id is "and" or "or" or "in")
                {
                    // These operator words can also be field names.
                    expr.Type = NodeType.Name;
                    result = Build(expr);
                }
                else if (expr.Id == "?")
                {
                    result = expr; // a partial application placeholder
                }
                else
                {
                    throw new JsonataException("S0201", $"Syntax error: \"{expr.Value}\"", expr.Position, expr.Value?.ToString());
                }

                break;
            default:
                var code = expr.Id == "(end)" ? "S0207" : "S0206";
                var message = code == "S0207" ? "Unexpected end of expression" : $"Unknown expression type: \"{expr.Value}\"";
                throw new JsonataException(code, message, expr.Position, expr.Value?.ToString());
        }

        if (expr.KeepArray)
        {
            result.KeepArray = true;
        }

        return result;
    }

    private Node BuildBinary(Node expr)
    {
        switch (expr.Id)
        {
            case ".":
                return BuildPath(expr);
            case "[":
                return BuildPredicate(expr);
            case "{":
                return BuildGroupBy(expr);
            case "^":
                return BuildOrderBy(expr);
            case ":=":
                var bind = new Node(NodeType.Bind, expr.Id, expr.Value, expr.Position) { Lhs = Build(expr.Lhs!), Rhs = Build(expr.Rhs!) };
                PushAncestry(bind, bind.Rhs);
                return bind;
            case "@":
                return BuildFocus(expr);
            case "#":
                return BuildIndex(expr);
            case "~>":
                var apply = new Node(NodeType.Apply, expr.Id, expr.Value, expr.Position) { Lhs = Build(expr.Lhs!), Rhs = Build(expr.Rhs!) };
                apply.KeepArray = apply.Lhs.KeepArray || apply.Rhs.KeepArray;
                return apply;
            default:
                var binary = new Node(NodeType.Binary, expr.Id, expr.Value, expr.Position) { Lhs = Build(expr.Lhs!), Rhs = Build(expr.Rhs!) };
                PushAncestry(binary, binary.Lhs);
                PushAncestry(binary, binary.Rhs);
                return binary;
        }
    }

    private Node BuildPath(Node expr)
    {
        var leftStep = Build(expr.Lhs!);
        var result = leftStep.Type == NodeType.Path ? leftStep : new Node(NodeType.Path, ".", null, expr.Position) { Steps = [leftStep] };
        if (leftStep.Type == NodeType.Parent)
        {
            result.SeekingParent = [leftStep.Slot!];
        }

        var rest = Build(expr.Rhs!);
        if (rest.Type == NodeType.Path)
        {
            result.Steps!.AddRange(rest.Steps!);
        }
        else
        {
            if (rest.Predicate is not null)
            {
                rest.Stages = rest.Predicate;
                rest.Predicate = null;
            }

            result.Steps!.Add(rest);
        }

        foreach (var step in result.Steps)
        {
            if (step.Type is NodeType.Number or NodeType.Value)
            {
                throw new JsonataException("S0213", $"The literal value {step.Value} cannot be used as a step within a path expression", step.Position, value: step.Value);
            }

            if (step.Type == NodeType.String)
            {
                step.Type = NodeType.Name; // 'quoted' steps are field names
            }
        }

        if (result.Steps.Exists(step => step.KeepArray))
        {
            result.KeepSingletonArray = true;
        }

        var first = result.Steps[0];
        if (first is { Type: NodeType.Unary, Id: "[" })
        {
            first.ConsArray = true;
        }

        var last = result.Steps[^1];
        if (last is { Type: NodeType.Unary, Id: "[" })
        {
            last.ConsArray = true;
        }

        ResolveAncestry(result);
        return result;
    }

    private Node BuildPredicate(Node expr)
    {
        var result = Build(expr.Lhs!);
        var step = result;
        var inPath = false;
        if (result.Type == NodeType.Path)
        {
            step = result.Steps![^1];
            inPath = true;
        }

        if (step.Group is not null)
        {
            throw new JsonataException("S0209", "A predicate cannot follow a grouping expression in a step", expr.Position);
        }

        var predicate = Build(expr.Rhs!);
        if (predicate.SeekingParent is not null)
        {
            foreach (var slot in predicate.SeekingParent)
            {
                if (slot.Level == 1)
                {
                    SeekParent(step, slot);
                }
                else
                {
                    slot.Level--;
                }
            }

            PushAncestry(step, predicate);
        }

        var stage = new Stage(StageType.Filter, predicate, null, expr.Position);
        if (inPath)
        {
            (step.Stages ??= []).Add(stage);
        }
        else
        {
            (step.Predicate ??= []).Add(stage);
        }

        return result;
    }

    private Node BuildGroupBy(Node expr)
    {
        var result = Build(expr.Lhs!);
        if (result.Group is not null)
        {
            throw new JsonataException("S0210", "Each step can only have one grouping expression", expr.Position);
        }

        result.Group = new GroupBy(expr.Pairs!.ConvertAll(pair => (Build(pair.Key), Build(pair.Value))), expr.Position);
        return result;
    }

    private Node BuildOrderBy(Node expr)
    {
        var result = Build(expr.Lhs!);
        if (result.Type != NodeType.Path)
        {
            result = new Node(NodeType.Path, ".", null, expr.Position) { Steps = [result] };
        }

        var sortStep = new Node(NodeType.Sort, expr.Id, expr.Value, expr.Position);
        sortStep.Terms = expr.Terms!.ConvertAll(term =>
        {
            var expression = Build(term.Expression);
            PushAncestry(sortStep, expression);
            return new SortTerm(term.Descending, expression);
        });
        result.Steps!.Add(sortStep);
        ResolveAncestry(result);
        return result;
    }

    private Node BuildFocus(Node expr)
    {
        var result = Build(expr.Lhs!);
        var step = result.Type == NodeType.Path ? result.Steps![^1] : result;
        if (step.Stages is not null || step.Predicate is not null)
        {
            throw new JsonataException("S0215", "A context variable binding must precede any predicates on a step", expr.Position);
        }

        if (step.Type == NodeType.Sort)
        {
            throw new JsonataException("S0216", "A context variable binding must precede the 'order-by' clause on a step", expr.Position);
        }

        if (expr.KeepArray)
        {
            step.KeepArray = true;
        }

        step.Focus = expr.Rhs!.Text;
        step.Tuple = true;
        return result;
    }

    private Node BuildIndex(Node expr)
    {
        var result = Build(expr.Lhs!);
        Node step;
        if (result.Type == NodeType.Path)
        {
            step = result.Steps![^1];
        }
        else
        {
            step = result;
            result = new Node(NodeType.Path, ".", null, expr.Position) { Steps = [step] };
            if (step.Predicate is not null)
            {
                step.Stages = step.Predicate;
                step.Predicate = null;
            }
        }

        if (step.Stages is null)
        {
            step.Index = expr.Rhs!.Text;
        }
        else
        {
            step.Stages.Add(new Stage(StageType.Index, null, expr.Rhs!.Text, expr.Position));
        }

        step.Tuple = true;
        return result;
    }

    private Node BuildUnary(Node expr)
    {
        var result = new Node(NodeType.Unary, expr.Id, expr.Value, expr.Position);
        if (expr.Id == "[")
        {
            result.Expressions = [];
            foreach (var item in expr.Expressions!)
            {
                var value = Build(item);
                PushAncestry(result, value);
                result.Expressions.Add(value);
            }
        }
        else if (expr.Id == "{")
        {
            result.Pairs = [];
            foreach (var (key, value) in expr.Pairs!)
            {
                var builtKey = Build(key);
                PushAncestry(result, builtKey);
                var builtValue = Build(value);
                PushAncestry(result, builtValue);
                result.Pairs.Add((builtKey, builtValue));
            }
        }
        else
        {
            result.Expression = Build(expr.Expression!);
            if (expr.Id == "-" && result.Expression.Type == NodeType.Number)
            {
                // Negative number literals are folded.
                result = result.Expression;
                result.Value = -(double)result.Value!;
            }
            else
            {
                PushAncestry(result, result.Expression);
            }
        }

        return result;
    }

    private static Node OptimizeTailCall(Node expr)
    {
        if (expr.Type == NodeType.Function && expr.Predicate is null)
        {
            return new Node(NodeType.Lambda, "(thunk)", null, expr.Position) { IsThunk = true, Arguments = [], Body = expr };
        }

        if (expr.Type == NodeType.Condition)
        {
            expr.Then = OptimizeTailCall(expr.Then!);
            if (expr.Else is not null)
            {
                expr.Else = OptimizeTailCall(expr.Else);
            }
        }
        else if (expr.Type == NodeType.Block && expr.Expressions!.Count > 0)
        {
            expr.Expressions[^1] = OptimizeTailCall(expr.Expressions[^1]);
        }

        return expr;
    }

    private ParentSlot SeekParent(Node node, ParentSlot slot)
    {
        switch (node.Type)
        {
            case NodeType.Name:
            case NodeType.Wildcard:
                slot.Level--;
                if (slot.Level == 0)
                {
                    if (node.Ancestor is not null)
                    {
                        // Reuse the label the step already provides.
                        _ancestry[slot.Index].Slot!.Label = node.Ancestor.Label;
                    }

                    node.Ancestor = slot;
                    node.Tuple = true;
                }

                break;
            case NodeType.Parent:
                slot.Level++;
                break;
            case NodeType.Block:
                if (node.Expressions!.Count > 0)
                {
                    node.Tuple = true;
                    slot = SeekParent(node.Expressions[^1], slot);
                }

                break;
            case NodeType.Path:
                node.Tuple = true;
                var index = node.Steps!.Count - 1;
                slot = SeekParent(node.Steps[index--], slot);
                while (slot.Level > 0 && index >= 0)
                {
                    slot = SeekParent(node.Steps[index--], slot);
                }

                break;
            default:
                throw new JsonataException("S0217", $"The object representing the 'parent' cannot be derived from this expression", node.Position, node.Type.ToString().ToLowerInvariant());
        }

        return slot;
    }

    private static void PushAncestry(Node result, Node value)
    {
        if (value.SeekingParent is null && value.Type != NodeType.Parent)
        {
            return;
        }

        var slots = value.SeekingParent ?? [];
        if (value.Type == NodeType.Parent)
        {
            slots.Add(value.Slot!);
        }

        if (result.SeekingParent is null)
        {
            result.SeekingParent = slots;
        }
        else
        {
            result.SeekingParent.AddRange(slots);
        }
    }

    private void ResolveAncestry(Node path)
    {
        var steps = path.Steps!;
        var last = steps[^1];
        var slots = last.SeekingParent ?? [];
        if (last.Type == NodeType.Parent)
        {
            slots.Add(last.Slot!);
        }

        for (var i = 0; i < slots.Count; i++)
        {
            var slot = slots[i];
            var index = steps.Count - 2;
            while (slot.Level > 0)
            {
                if (index < 0)
                {
                    (path.SeekingParent ??= []).Add(slot);
                    break;
                }

                var step = steps[index--];
                // Contiguous steps that bind the focus are skipped together.
                while (index >= 0 && step.Focus is not null && steps[index].Focus is not null)
                {
                    step = steps[index--];
                }

                slot = SeekParent(step, slot);
            }
        }
    }
}
