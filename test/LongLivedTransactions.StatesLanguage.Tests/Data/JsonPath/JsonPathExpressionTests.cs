using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Data;

namespace LongLivedTransactions.StatesLanguage.Tests.Data.JsonPath;

public sealed class JsonPathExpressionTests
{
    private static readonly JsonNode Store = JsonNode.Parse("""
        {
          "store": {
            "book": [
              { "category": "reference", "author": "Nigel Rees", "title": "Sayings of the Century", "price": 8.95 },
              { "category": "fiction", "author": "Evelyn Waugh", "title": "Sword of Honour", "price": 12.99 },
              { "category": "fiction", "author": "Herman Melville", "title": "Moby Dick", "isbn": "0-553-21311-3", "price": 8.99 },
              { "category": "fiction", "author": "J. R. R. Tolkien", "title": "The Lord of the Rings", "isbn": "0-395-19395-8", "price": 22.99 }
            ],
            "bicycle": { "color": "red", "price": 19.95 }
          },
          "expensive": 10,
          "delivery-partner": "UQS",
          "nothing": null
        }
        """)!;

    [Theory]
    [InlineData("$", true, true)]
    [InlineData("$.store.bicycle.color", true, true)]
    [InlineData("$['store']['book'][0]", true, true)]
    [InlineData("$.store.book[-1]", true, false)]
    [InlineData("$['store','expensive']", true, false)]
    [InlineData("$.store.book.length()", true, false)]
    [InlineData("$.store.book[*]", false, false)]
    [InlineData("$.store.book[0,1]", false, false)]
    [InlineData("$.store.book[1:3]", false, false)]
    [InlineData("$..author", false, false)]
    [InlineData("$.store.book[?(@.price < 10)]", false, false)]
    public void Classifies_definite_and_reference_paths(string path, bool definite, bool reference)
    {
        var expression = JsonPathExpression.Parse(path);

        Assert.Equal(definite, expression.IsDefinite);
        Assert.Equal(reference, expression.IsReferencePath);
        Assert.Equal(path, expression.Text);
    }

    [Theory]
    [InlineData("$.store.bicycle.color", "\"red\"")]
    [InlineData("$.store.book[2].isbn", "\"0-553-21311-3\"")]
    [InlineData("$.store.book[-1].author", "\"J. R. R. Tolkien\"")]
    [InlineData("$['store']['bicycle']['price']", "19.95")]
    [InlineData("$[\"expensive\"]", "10")]
    [InlineData("$.delivery-partner", "\"UQS\"")]
    [InlineData("$.nothing", "null")]
    [InlineData("$.[\"expensive\"]", "10")]
    [InlineData("$.store.book.length()", "4")]
    [InlineData("$.store.bicycle.keys()", "[\"color\",\"price\"]")]
    public void Definite_paths_give_the_single_value(string path, string expectedJson)
    {
        var expression = JsonPathExpression.Parse(path);

        Assert.True(expression.TryEvaluate(Store, out var value));
        Assert.Equal(expectedJson, value?.ToJsonString() ?? "null");
    }

    [Theory]
    [InlineData("$.store.book[*].author", "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]")]
    [InlineData("$..author", "[\"Nigel Rees\",\"Evelyn Waugh\",\"Herman Melville\",\"J. R. R. Tolkien\"]")]
    [InlineData("$.store.*.color", "[\"red\"]")]
    [InlineData("$..book[2].title", "[\"Moby Dick\"]")]
    [InlineData("$.store.book[0,1].title", "[\"Sayings of the Century\",\"Sword of Honour\"]")]
    [InlineData("$.store.book[:2].price", "[8.95,12.99]")]
    [InlineData("$.store.book[-2:].price", "[8.99,22.99]")]
    [InlineData("$.store.book[1:2].price", "[12.99]")]
    [InlineData("$.store.book[?(@.isbn)].title", "[\"Moby Dick\",\"The Lord of the Rings\"]")]
    [InlineData("$.store.book[?(!@.isbn)].title", "[\"Sayings of the Century\",\"Sword of Honour\"]")]
    [InlineData("$.store.book[?(@.price < $.expensive)].price", "[8.95,8.99]")]
    [InlineData("$.store.book[?(@.category == 'fiction' && @.price > 20)].title", "[\"The Lord of the Rings\"]")]
    [InlineData("$.store.book[?(@.price > 20 || @.author == \"Nigel Rees\")].price", "[8.95,22.99]")]
    [InlineData("$.store.book[?(@.author =~ /.*REES/i)].price", "[8.95]")]
    [InlineData("$.store.book[?(@.author =~ /Rees/)].price", "[]")]
    [InlineData("$.store.book[?(@.category in ['reference','poetry'])].price", "[8.95]")]
    [InlineData("$.store.book[?(@.category nin ['reference'])].price", "[12.99,8.99,22.99]")]
    [InlineData("$.store.book[?(@.title size 9)].price", "[8.99]")]
    [InlineData("$.store.book[?(@.missing empty true)].price", "[]")]
    [InlineData("$..book[?(@.price <= 8.99)].title", "[\"Sayings of the Century\",\"Moby Dick\"]")]
    [InlineData("$.store.book[?(@.isbn.length() > 12)].price", "[8.99,22.99]")]
    [InlineData("$.store.book[?(@['price'] > 20)].price", "[22.99]")]
    [InlineData("$.store.book[?(@.price>20)].price", "[22.99]")]
    [InlineData("$.store.book[?((@.price > 20 || @.price < 9) && !(@.isbn))].price", "[8.95]")]
    [InlineData("$.nowhere[*]", "[]")]
    [InlineData("$.no.such[1:5].x", "[]")]
    public void Indefinite_paths_give_an_array_of_matches(string path, string expectedJson)
    {
        var expression = JsonPathExpression.Parse(path);

        Assert.False(expression.IsDefinite);
        Assert.True(expression.TryEvaluate(Store, out var value));
        Assert.Equal(expectedJson, value!.ToJsonString());
    }

    [Fact]
    public void List_operators_compare_arrays()
    {
        var document = JsonNode.Parse("""[{"id":1,"tags":["a","b"]},{"id":2,"tags":["c"]},{"id":3,"tags":[]}]""");

        Assert.Equal("[1,3]", Ids("$[?(@.tags subsetof ['a','b','x'])].id"));
        Assert.Equal("[1,2]", Ids("$[?(@.tags anyof ['a','c'])].id"));
        Assert.Equal("[2,3]", Ids("$[?(@.tags noneof ['a'])].id"));
        Assert.Equal("[3]", Ids("$[?(@.tags empty true)].id"));
        Assert.Equal("[1,2]", Ids("$[?(@.tags empty false)].id"));
        Assert.Equal("[1]", Ids("$[?(@.tags size 2)].id"));
        Assert.Equal("[1]", Ids("$[?(@.tags contains 'b')].id"));
        Assert.Equal("[2]", Ids("$[?(@.tags == ['c'])].id"));
        Assert.Equal("[1,3]", Ids("$[?(@.id != 2)].id"));

        string Ids(string path) => JsonPathExpression.Parse(path).TryEvaluate(document, out var value) ? value!.ToJsonString() : "missing";
    }

    [Fact]
    public void Filters_follow_Jayway_value_rules()
    {
        var document = JsonNode.Parse("""[{"a":1},{"a":"1"},{"a":1.0},{"a":null},{"b":1},{"a":true}]""");

        // A number equals a string that reads as the same number; 1 equals 1.0.
        Assert.Equal("""[{"a":1},{"a":"1"},{"a":1.0}]""", Select("$[?(@.a == 1)]"));
        Assert.Equal("""[{"a":null}]""", Select("$[?(@.a == null)]"));

        // An existence test is true for a null value; a missing member never equals, so != is true.
        Assert.Equal("""[{"a":1},{"a":"1"},{"a":1.0},{"a":null},{"a":true}]""", Select("$[?(@.a)]"));
        Assert.Equal("""[{"a":null},{"b":1},{"a":true}]""", Select("$[?(@.a != 1)]"));

        // Ordering works only between two numbers or two strings.
        Assert.Equal("""[{"a":1},{"a":1.0}]""", Select("$[?(@.a >= 1)]"));
        Assert.Equal("[]", Select("$[?(@.a > false)]"));

        string Select(string path) => new JsonArray(JsonPathExpression.Parse(path).Select(document).ToArray()).ToJsonString();
    }

    [Fact]
    public void Several_names_in_the_middle_of_a_path_are_visited_one_by_one()
    {
        var document = JsonNode.Parse("""{"a":{"x":1},"b":{"x":2},"c":{"x":3}}""");
        var expression = JsonPathExpression.Parse("$['a','b'].x");

        Assert.False(expression.IsDefinite);
        Assert.True(expression.TryEvaluate(document, out var value));
        Assert.Equal("[1,2]", value!.ToJsonString());
    }

    [Fact]
    public void Several_names_at_the_end_of_a_path_merge_into_one_object()
    {
        var document = JsonNode.Parse("""{"a":1,"b":2,"c":3}""");
        var expression = JsonPathExpression.Parse("$['a','c','missing']");

        Assert.True(expression.IsDefinite);
        Assert.True(expression.TryEvaluate(document, out var value));
        Assert.Equal("""{"a":1,"c":3}""", value!.ToJsonString());
    }

    [Fact]
    public void A_filter_on_an_object_tests_the_object_itself()
    {
        var document = JsonNode.Parse("""{"x":{"kind":"a","v":1}}""");

        Assert.True(JsonPathExpression.Parse("$.x[?(@.kind == 'a')].v").TryEvaluate(document, out var value));
        Assert.Equal("[1]", value!.ToJsonString());
    }

    [Fact]
    public void Deep_scan_visits_parents_before_children_in_document_order()
    {
        var document = JsonNode.Parse("""{"a":{"k":1,"b":{"k":2}},"c":[{"k":3},{"d":{"k":4}}],"k":0}""");

        Assert.True(JsonPathExpression.Parse("$..k").TryEvaluate(document, out var value));
        Assert.Equal("[0,1,2,3,4]", value!.ToJsonString());
    }

    [Fact]
    public void Names_in_brackets_are_taken_as_written()
    {
        // Recorded AWS case: the path $['Test\""Name"'] reads the key Test\""Name".
        var document = new JsonObject { ["Test\\\"\"Name\""] = "Value\"\\" };

        Assert.True(JsonPathExpression.Parse("$['Test\\\"\"Name\"']").TryEvaluate(document, out var value));
        Assert.Equal("Value\"\\", (string?)value);
    }

    [Theory]
    [InlineData("$.NoSuchInputPath", "No results for path: $['NoSuchInputPath']")]
    [InlineData("$.no.such.result.path", "Missing property in path $['no']")]
    [InlineData("$.store.book[10]", "No results for path: $['store']['book'][10]")]
    [InlineData("$.nothing[0]", "The path $['nothing'] is null")]
    [InlineData("$.expensive[0]", "Filter: [0] can only be applied to arrays. Current context is: 10")]
    [InlineData("$.expensive.value", "Expected to find an object with property ['value'] in path $['expensive'] but found 'java.lang.Integer'. This is not a json object according to the JsonProvider: 'com.jayway.jsonpath.spi.json.JacksonJsonProvider'.")]
    public void A_missing_definite_path_explains_itself_as_Jayway_does(string path, string expectedFailure)
    {
        var expression = JsonPathExpression.Parse(path);

        Assert.False(expression.TryEvaluate(Store, out var value, out var failure));
        Assert.Null(value);
        Assert.Equal(expectedFailure, failure);
    }

    [Theory]
    [InlineData("$$.Execution.Id", JsonPathRoot.Context, null, "$$['Execution']['Id']")]
    [InlineData("$order.id", JsonPathRoot.Variable, "order", "$order['id']")]
    [InlineData("$x", JsonPathRoot.Variable, "x", "$x")]
    [InlineData("$", JsonPathRoot.Input, null, "$")]
    [InlineData("$.a[0]", JsonPathRoot.Input, null, "$['a'][0]")]
    public void Knows_which_document_a_path_starts_from(string path, JsonPathRoot root, string? variable, string normalized)
    {
        var expression = JsonPathExpression.Parse(path);

        Assert.Equal(root, expression.Root);
        Assert.Equal(variable, expression.VariableName);
        Assert.Equal(normalized, expression.NormalizedPath);
    }

    [Theory]
    [InlineData("")]
    [InlineData("a.b")]
    [InlineData("$.")]
    [InlineData("$..")]
    [InlineData("$.a..")]
    [InlineData("$.a b")]
    [InlineData("$[")]
    [InlineData("$['a'")]
    [InlineData("$[a]")]
    [InlineData("$[1:2")]
    [InlineData("$[?(@.a ==)]")]
    [InlineData("$[?(@.a === 1)]")]
    [InlineData("$[?(@.a == 1]")]
    [InlineData("$.a.unknownFunction()")]
    [InlineData("$.a.length().b")]
    [InlineData("@.a")]
    public void Rejects_invalid_paths(string path)
    {
        Assert.Throws<JsonPathSyntaxException>(() => JsonPathExpression.Parse(path));
        Assert.False(JsonPathExpression.TryParse(path, out var expression));
        Assert.Null(expression);
    }

    [Fact]
    public void Aggregate_functions_compute_over_numbers_and_fail_on_an_empty_array()
    {
        var document = JsonNode.Parse("""{"prices":[1,2,3,"x"],"none":[],"items":[{"p":2},{"p":4}]}""");

        Assert.Equal("3", Evaluate("$.prices.max()"));
        Assert.Equal("1", Evaluate("$.prices.min()"));
        Assert.Equal("6", Evaluate("$.prices.sum()"));
        Assert.Equal("2", Evaluate("$.prices.avg()"));
        Assert.Equal("3", Evaluate("$.items[*].p.avg()"));
        Assert.Equal("\"x\"", Evaluate("$.prices.last()"));
        Assert.False(JsonPathExpression.Parse("$.none.avg()").TryEvaluate(document, out _, out var failure));
        Assert.Equal("Aggregation function attempted to calculate value using empty array", failure);

        string Evaluate(string path) => JsonPathExpression.Parse(path).TryEvaluate(document, out var value) ? value!.ToJsonString() : "missing";
    }

    [Fact]
    public void Results_are_copies_of_the_document()
    {
        var document = JsonNode.Parse("""{"a":{"b":[1,2]}}""")!;
        var expression = JsonPathExpression.Parse("$.a");

        Assert.True(expression.TryEvaluate(document, out var value));
        value!["b"]!.AsArray().Add(3);

        Assert.Equal("""{"a":{"b":[1,2]}}""", document.ToJsonString());
        Assert.Null(value.Parent);
    }

    [Fact]
    public void Parsing_the_same_text_twice_gives_the_same_expression()
    {
        Assert.Same(JsonPathExpression.Parse("$.same.path[0]"), JsonPathExpression.Parse("$.same.path[0]"));
    }
}
