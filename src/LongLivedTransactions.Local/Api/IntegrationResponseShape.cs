using System.Text.Json;
using System.Text.Json.Nodes;

namespace LongLivedTransactions.Local.Api;

/// <summary>
/// The shape of a service's response as its API model describes it, and the check TestState makes of a mocked result
/// against it: in STRICT mode every required member must be there, in both STRICT and PRESENT every member that is
/// there must have its type. Members the model does not know are accepted (a newer model may have them).
/// </summary>
public abstract record IntegrationResponseShape
{
    private const string Prefix = "Mock result schema validation error: ";

    /// <exception cref="StepFunctionsException">ValidationException naming the first field that does not fit.</exception>
    public void Validate(JsonNode? result, bool requireMembers)
    {
        if (this is ObjectShape && result is not JsonObject)
        {
            throw StepFunctionsErrors.OperationValidation($"{Prefix}The mocked result must be a JSON object");
        }

        Check(result, field: string.Empty, requireMembers);
    }

    private protected abstract void Check(JsonNode? value, string field, bool requireMembers);

    private protected static StepFunctionsException Mismatch(string field, string expected) =>
        StepFunctionsErrors.OperationValidation($"{Prefix}Field '{field}' must be {expected}");

    /// <summary>An object with named members.</summary>
    public sealed record ObjectShape(IReadOnlyDictionary<string, IntegrationResponseShape> Members, params string[] Required) : IntegrationResponseShape
    {
        private protected override void Check(JsonNode? value, string field, bool requireMembers)
        {
            if (value is not JsonObject structure)
            {
                throw Mismatch(field, "an object");
            }

            if (requireMembers && Required.FirstOrDefault(name => !structure.ContainsKey(name)) is { } missing)
            {
                throw StepFunctionsErrors.OperationValidation($"{Prefix}Required field '{missing}' is missing");
            }

            foreach (var (name, member) in structure)
            {
                if (Members.TryGetValue(name, out IntegrationResponseShape? shape))
                {
                    shape.Check(member, name, requireMembers);
                }
            }
        }
    }

    /// <summary>An array of one shape; an item that does not fit is reported under the array's name.</summary>
    public sealed record ArrayShape(IntegrationResponseShape Item) : IntegrationResponseShape
    {
        private protected override void Check(JsonNode? value, string field, bool requireMembers)
        {
            if (value is not JsonArray items)
            {
                throw Mismatch(field, "an array");
            }

            foreach (JsonNode? item in items)
            {
                Item.Check(item, field, requireMembers);
            }
        }
    }

    /// <summary>An object whose values all have one shape.</summary>
    public sealed record MapShape(IntegrationResponseShape Value) : IntegrationResponseShape
    {
        private protected override void Check(JsonNode? value, string field, bool requireMembers)
        {
            if (value is not JsonObject entries)
            {
                throw Mismatch(field, "an object");
            }

            foreach (var (_, entry) in entries)
            {
                Value.Check(entry, field, requireMembers);
            }
        }
    }

    /// <summary>A string; a timestamp and a blob are strings in JSON too.</summary>
    public sealed record TextShape(params string[] Allowed) : IntegrationResponseShape
    {
        private protected override void Check(JsonNode? value, string field, bool requireMembers)
        {
            if (value is not JsonValue text || text.GetValueKind() != JsonValueKind.String)
            {
                throw Mismatch(field, "a string");
            }

            if (Allowed.Length > 0 && !Allowed.Contains(text.GetValue<string>(), StringComparer.Ordinal))
            {
                throw StepFunctionsErrors.OperationValidation($"{Prefix}Field '{field}' is not an expected value");
            }
        }
    }

    /// <summary>A number; <paramref name="Integral"/> for the model's integer and long types.</summary>
    public sealed record NumberShape(bool Integral) : IntegrationResponseShape
    {
        private protected override void Check(JsonNode? value, string field, bool requireMembers)
        {
            bool fits = value is JsonValue number && number.GetValueKind() == JsonValueKind.Number
                && (!Integral || number.TryGetValue(out long _));
            if (!fits)
            {
                throw Mismatch(field, "a number");
            }
        }
    }

    public sealed record BooleanShape : IntegrationResponseShape
    {
        private protected override void Check(JsonNode? value, string field, bool requireMembers)
        {
            if (value is not JsonValue flag || flag.GetValueKind() is not (JsonValueKind.True or JsonValueKind.False))
            {
                throw Mismatch(field, "a boolean");
            }
        }
    }

    /// <summary>Any JSON value (the model's document type, or a shape this table does not spell out).</summary>
    public sealed record AnyShape : IntegrationResponseShape
    {
        private protected override void Check(JsonNode? value, string field, bool requireMembers)
        {
        }
    }
}
