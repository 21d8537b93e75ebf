using System.Text.Json.Nodes;
using LongLivedTransactions.StatesLanguage.Definitions;
using LongLivedTransactions.StatesLanguage.Execution.StateTesting;
using LongLivedTransactions.StatesLanguage.History;

namespace LongLivedTransactions.StatesLanguage.Execution;

/// <summary>The current Map item, visible as <c>$$.Map.Item</c> while the ItemSelector is evaluated.</summary>
internal readonly record struct MapItem(int Index, JsonNode? Value);

/// <summary>One entry into a state: its raw input, where its events go, and its variables.</summary>
internal sealed class StateVisit(
    ExecutionRun run, State state, JsonNode? rawInput, HistoryCursor cursor, VariableScope variables, CancellationToken cancellation)
{
    private int _retryCount;
    private JsonNode? _jsonataInputSource;
    private object? _jsonataInput;

    // What few visits need (a test, a resumed container, a Map item, a callback token, the context object) lives
    // apart, made on first use, so that the visit every state makes stays small.
    private Rare? _rare;

    public ExecutionRun Run { get; } = run;

    public State State { get; } = state;

    /// <summary>The state input as it arrived (before InputPath).</summary>
    public JsonNode? RawInput { get; } = rawInput;

    /// <summary>The JSON text of <see cref="RawInput"/> as recorded in StateEntered.</summary>
    public required JsonText RawInputText { get; init; }

    public HistoryCursor Cursor { get; } = cursor;

    public VariableScope Variables { get; } = variables;

    /// <summary>Cancelled when the execution stops or times out, or when a sibling branch or iteration fails.</summary>
    public CancellationToken Cancellation { get; } = cancellation;

    /// <summary>Set when the visit is a TestState run of this one state: its mock and configuration, and what it reports.</summary>
    public StateTestRun? Test
    {
        get => _rare?.Test;
        init
        {
            if (value is not null)
            {
                RareFields.Test = value;
            }
        }
    }

    public long EnteredEventId { get; set; }

    /// <summary>For a Map or Parallel state carried on from its history, how far its branches or iterations had got (for its first attempt only).</summary>
    public ContainerResume? Resume
    {
        get => _rare?.Resume;
        set
        {
            if (value is not null || _rare is not null)
            {
                RareFields.Resume = value;
            }
        }
    }

    /// <summary>The <see cref="Resume"/> for this attempt: later attempts (retries) start afresh.</summary>
    public ContainerResume? TakeResume()
    {
        var resume = Resume;
        Resume = null;
        return resume;
    }

    public DateTimeOffset EnteredTime { get; set; }

    /// <summary><c>$$.State.RetryCount</c> of a Task state.</summary>
    public int RetryCount
    {
        get => _retryCount;
        set
        {
            _retryCount = value;
            _rare?.ContextChanged();
        }
    }

    /// <summary><c>$$.Task.Token</c>: set for the attempt of a Task state that waits for a callback.</summary>
    public string? TaskToken
    {
        get => _rare?.TaskToken;
        set
        {
            RareFields.TaskToken = value;
            _rare!.ContextChanged();
        }
    }

    /// <summary>The state was entered before a restart: its StateEntered, and maybe more of its events, are in the history.</summary>
    public bool Resumed { get; init; }

    public MapItem? MapItem
    {
        get => _rare?.MapItem;
        set
        {
            RareFields.MapItem = value;
            _rare!.ContextChanged();
        }
    }

    /// <summary>The state input in JSONata's value model, converted once per state.</summary>
    public object? JsonataInput(JsonNode? input)
    {
        if (!ReferenceEquals(input, _jsonataInputSource) || _jsonataInput is null)
        {
            _jsonataInputSource = input;
            _jsonataInput = LongLivedTransactions.Jsonata.Values.JsonataValue.FromJsonNode(input);
        }

        return _jsonataInput;
    }

    /// <summary>The context object in JSONata's value model, converted once until the context changes.</summary>
    public object? JsonataContext => RareFields.JsonataContext ??= LongLivedTransactions.Jsonata.Values.JsonataValue.FromJsonNode(Context);

    /// <summary>The context object, built on first use (most states never read it).</summary>
    public JsonObject Context => RareFields.Context ??= Run.BuildContextObject(this);

    private Rare RareFields => _rare ??= new Rare();

    private sealed class Rare
    {
        public StateTestRun? Test { get; set; }

        public ContainerResume? Resume { get; set; }

        public string? TaskToken { get; set; }

        public MapItem? MapItem { get; set; }

        public JsonObject? Context { get; set; }

        public object? JsonataContext { get; set; }

        /// <summary>The context object is built again when next read.</summary>
        public void ContextChanged()
        {
            Context = null;
            JsonataContext = null;
        }
    }
}
