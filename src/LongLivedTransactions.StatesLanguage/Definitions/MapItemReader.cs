namespace LongLivedTransactions.StatesLanguage.Definitions;

/// <summary>
/// A distributed Map's ItemReader: the S3 resource its items come from and how that data is read. This engine does
/// not reach S3, so an execution cannot run it; TestState reads the data given as <c>mapItemReaderData</c> with it.
/// </summary>
/// <param name="InputType">JSON, JSONL, CSV, MANIFEST or PARQUET; null when the resource lists objects (JSON data then).</param>
/// <param name="CsvHeaders">The column names of a CSV without a header row (CSVHeaderLocation GIVEN); null reads them from the first row.</param>
public sealed record MapItemReader(
    string Resource,
    string? InputType,
    IReadOnlyList<string>? CsvHeaders,
    char CsvDelimiter,
    int? MaxItems);
