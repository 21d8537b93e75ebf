using Xunit.Abstractions;

namespace LongLivedTransactions.StatesLanguage.Tests.Conformance.Corpus;

/// <summary>
/// A case id as a theory argument. Test runners shorten string arguments in test names; this type shows the
/// whole id, so every recorded case is named in full in the test list.
/// </summary>
public sealed class CaseKey : IXunitSerializable
{
    [Obsolete("For the test framework's deserialisation only.")]
    public CaseKey()
    {
        Id = "";
    }

    public CaseKey(string id) => Id = id;

    public string Id { get; private set; }

    public void Deserialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        Id = info.GetValue<string>(nameof(Id));
    }

    public void Serialize(IXunitSerializationInfo info)
    {
        ArgumentNullException.ThrowIfNull(info);
        info.AddValue(nameof(Id), Id);
    }

    public override string ToString() => Id;
}
