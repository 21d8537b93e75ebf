using Microsoft.Playwright;

namespace LongLivedTransactions.Local.Tests;

/// <summary>Debian's Chromium (<c>/usr/bin/chromium</c>), headless, as the browser tests drive it.</summary>
public static class HeadlessChromium
{
    public const string ExecutablePath = "/usr/bin/chromium";

    public static async Task<IBrowser> LaunchAsync(IPlaywright playwright)
    {
        ArgumentNullException.ThrowIfNull(playwright);
        Assert.True(File.Exists(ExecutablePath), $"{ExecutablePath} is missing: install it with 'apt-get install -y chromium'.");
        return await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = ExecutablePath,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"],
        });
    }
}
