using LongLivedTransactions.Core.Identity;

namespace LongLivedTransactions.Core.Tests;

public class TransactionIdsTests
{
    [Fact]
    public void Version5_matches_the_RFC_example_computed_independently()
    {
        // uuid.uuid5(uuid.NAMESPACE_DNS, "python.org") in Python's standard library.
        Guid dns = new("6ba7b810-9dad-11d1-80b4-00c04fd430c8");
        Assert.Equal(new Guid("886313e1-3b8a-5372-9b90-0c9aee199e5d"), TransactionIds.CreateVersion5(dns, "python.org"));
    }

    [Theory]
    [InlineData("Debit", "849317af-d3e4-53c4-8934-be7b4c09c1d9")]
    [InlineData("Credit", "7d0fc691-cbef-52f3-aaf9-1b4fd7e267ac")]
    public void Ids_are_name_based_on_order_and_type(string type, string expected)
    {
        Assert.Equal(expected, TransactionIds.For("20b0b599-441b-45c3-910e-ad63fe992c43", type));
    }

    [Fact]
    public void The_same_order_and_type_always_give_the_same_id_and_types_differ()
    {
        string orderId = Guid.NewGuid().ToString();
        Assert.Equal(TransactionIds.For(orderId, "Reserve"), TransactionIds.For(orderId, "Reserve"));
        Assert.NotEqual(TransactionIds.For(orderId, "Reserve"), TransactionIds.For(orderId, "Release"));
    }
}
