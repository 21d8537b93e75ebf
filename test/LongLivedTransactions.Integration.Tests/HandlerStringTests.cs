using System.Reflection;
using LongLivedTransactions.Core.Topology;
using LongLivedTransactions.Local.Functions;

namespace LongLivedTransactions.Integration.Tests;

/// <summary>The handler strings the CDK stack deploys resolve the way the Lambda .NET runtime resolves them.</summary>
public class HandlerStringTests
{
    public static TheoryData<string> Handlers() => [.. SagaTopology.Functions.Select(f => f.Handler)];

    [Theory]
    [MemberData(nameof(Handlers))]
    public void Each_handler_names_a_public_unique_Stream_method_on_a_type_with_a_parameterless_constructor(string handler)
    {
        string[] parts = handler.Split("::");
        Assert.Equal(3, parts.Length);

        Type? type = Assembly.Load(parts[0]).GetType(parts[1]);
        Assert.NotNull(type);
        Assert.NotNull(type.GetConstructor(Type.EmptyTypes));

        // The runtime looks the method up by name alone and rejects overloads.
        MethodInfo[] candidates = type.GetMethods(BindingFlags.Public | BindingFlags.Instance | BindingFlags.Static).Where(m => m.Name == parts[2]).ToArray();
        MethodInfo method = Assert.Single(candidates);
        Assert.Equal(typeof(Task<Stream>), method.ReturnType);
        Assert.Equal([typeof(Stream)], method.GetParameters().Select(p => p.ParameterType));
    }

    [Fact]
    public void The_local_host_builds_exactly_the_functions_of_the_topology_with_their_handler_types()
    {
        var functions = SagaFunctionCatalog.Create(
            new Amazon.DynamoDBv2.AmazonDynamoDBClient(new Amazon.Runtime.BasicAWSCredentials("a", "b"), Amazon.RegionEndpoint.USEast1),
            SagaTopology.Tables.ToDictionary(t => t.LogicalName, t => t.LogicalName),
            TimeProvider.System,
            new Core.Logging.FunctionLog(TextWriter.Null, TimeProvider.System));

        Assert.Equal(SagaTopology.Functions.Select(f => f.Name).Order(StringComparer.Ordinal), functions.Keys.Order(StringComparer.Ordinal));
        foreach (FunctionDefinition definition in SagaTopology.Functions)
        {
            Assert.Equal(definition.HandlerType, functions[definition.Name].GetType().FullName);
            Assert.Equal(definition.Project, functions[definition.Name].GetType().Assembly.GetName().Name);
        }
    }
}
