using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests.Console;

/// <summary>Debian's headless Chromium for the console tests, and the page parts the tests wait on.</summary>
internal static class ConsoleBrowser
{
    public static Task<IBrowser> LaunchAsync(IPlaywright playwright) => HeadlessChromium.LaunchAsync(playwright);

    /// <summary>
    /// The status badge in the execution page's heading (the state machine page lists executions with badges too).
    /// Tests wait on it, not on WaitForURLAsync: that call checks the URL and only then starts listening, so a hash
    /// change reported in between is missed and the wait runs to its timeout although the page is already there.
    /// </summary>
    public static ILocator ExecutionStatus(IPage page) => page.Locator("h1").GetByTestId("status");

    /// <summary>
    /// Saves a picture of the page for the documentation: into the checkout (<paramref name="documentationPath"/>, relative
    /// to the repository root) when UPDATE_CONSOLE_SCREENSHOT=1, else into the test output, so a test run leaves the
    /// checkout clean.
    /// </summary>
    public static async Task ScreenshotAsync(IPage page, string repositoryRoot, string documentationPath, bool fullPage = false)
    {
        string screenshot = Environment.GetEnvironmentVariable("UPDATE_CONSOLE_SCREENSHOT") == "1"
            ? Path.Combine(repositoryRoot, documentationPath)
            : Path.Combine(AppContext.BaseDirectory, "TestResults", Path.GetFileName(documentationPath));
        Directory.CreateDirectory(Path.GetDirectoryName(screenshot)!);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = screenshot, FullPage = fullPage });
    }

    /// <summary>Collects the messages the page logs as errors, so that a test can assert there were none.</summary>
    public static List<string> CollectErrors(IPage page)
    {
        var errors = new List<string>();
        page.Console += (_, message) =>
        {
            if (message.Type == "error")
            {
                errors.Add(message.Text);
            }
        };
        page.PageError += (_, error) => errors.Add(error);
        return errors;
    }
}
