using System.Text.Json;
using Microsoft.Playwright;

namespace Strata.Server.Tests;

/// <summary>
/// The page in a real browser: Debian's chromium driven by Playwright (its own browser download is not reachable here).
/// Screenshots go to the test's output folder (page-1280x800.png, page-390x844.png) for a person to look at.
/// </summary>
public class PageTests
{
    private static readonly string Chromium = new[] { "/usr/bin/chromium", "/usr/bin/chromium-browser" }.FirstOrDefault(File.Exists)
        ?? throw new InvalidOperationException("Debian's chromium is not installed (test.sh installs it: apt-get install chromium).");

    private static async Task WaitForAnswer(IPage page, int after)
    {
        await page.WaitForFunctionAsync($"() => Number(document.getElementById('result').dataset.version || 0) > {after} && document.getElementById('result').dataset.state !== 'busy'",
            null, new PageWaitForFunctionOptions { Timeout = 60_000 });
    }

    /// <summary>axe-core from the npm registry, installed at build time into tools/axe (test.sh runs npm ci there); read from disk, never fetched.</summary>
    private static string AxeSource()
    {
        var path = Path.Combine(Strata.TestSupport.RepoPaths.Root, "tools", "axe", "node_modules", "axe-core", "axe.min.js");
        File.Exists(path).ShouldBeTrue($"{path} is missing: run 'npm ci' in tools/axe (test.sh does)");
        return File.ReadAllText(path);
    }

    /// <summary>
    /// An axe-core scan of the page as it is now (WCAG 2.x A and AA rules and axe's best practices); the serious and
    /// critical violations, each with the elements it found. Evaluated through the browser's debugging protocol, so the
    /// page's Content-Security-Policy (no inline script) stays as it is served.
    /// </summary>
    private static async Task<string[]> SeriousViolations(IPage page, string axe)
    {
        await page.EvaluateAsync(axe + "\n;true");
        var found = await page.EvaluateAsync<JsonElement>("""
            async () => {
              const r = await axe.run(document, { resultTypes: ['violations'] });
              return r.violations.map(v => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map(n => n.target.join(' ')) }));
            }
            """);
        return [.. found.EnumerateArray()
            .Where(v => v.GetProperty("impact").GetString() is "serious" or "critical")
            .Select(v => $"{v.GetProperty("impact").GetString()} {v.GetProperty("id").GetString()}: {v.GetProperty("help").GetString()} at {string.Join("; ", v.GetProperty("nodes").EnumerateArray().Select(n => n.GetString()))}")];
    }

    private static Task<int> Version(IPage page) => page.EvaluateAsync<int>("() => Number(document.getElementById('result').dataset.version || 0)");

    [Fact]
    public async Task Page_LoadsMovesAWeightShowsErrors_AsTheApiSays()
    {
        await using var s = await TestServer.Start();
        using var playwright = await Playwright.CreateAsync();
        await using var browser = await playwright.Chromium.LaunchAsync(new BrowserTypeLaunchOptions
        {
            ExecutablePath = Chromium,
            Headless = true,
            Args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"],
        });
        var page = await browser.NewPageAsync(new BrowserNewPageOptions { ViewportSize = new ViewportSize { Width = 1280, Height = 800 } });
        var errors = new List<string>();
        page.Console += (_, m) =>
        {
            if (m.Type == "error")
            {
                errors.Add(m.Text);
            }
        };
        page.PageError += (_, e) => errors.Add(e);
        await page.GotoAsync(s.Client.BaseAddress!.ToString());
        await WaitForAnswer(page, 0);
        (await page.TextContentAsync("#status"))!.ShouldContain("feasible stacks");
        var outDir = Path.Combine(AppContext.BaseDirectory, "screenshots");
        Directory.CreateDirectory(outDir);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outDir, "page-1280x800.png") });
        var axe = AxeSource();
        (await SeriousViolations(page, axe)).ShouldBeEmpty("axe-core at 1280x800");

        // Move one weight from the keyboard: the ranking shown is what the API returns for those weights.
        var before = await Version(page);
        await page.FocusAsync("#w-startup");
        await page.Keyboard.PressAsync("Home");
        await WaitForAnswer(page, before);
        var weights = await page.EvaluateAsync<Dictionary<string, double>>(
            "() => Object.fromEntries([...document.querySelectorAll('#weights input')].map(i => [i.dataset.criterion, Number(i.value) / 100]))");
        weights["startup"].ShouldBe(0);
        var profile = await page.InputValueAsync("#profile");
        var body = JsonSerializer.Serialize(new Dictionary<string, object> { ["profile"] = profile, ["robustness"] = false, ["weights"] = weights }, PageJson.Default.DictionaryStringObject);
        using var expected = JsonDocument.Parse(await (await s.Post("/v1/evaluate", body)).Content.ReadAsStringAsync());
        var shown = await page.EvalOnSelectorAllAsync<string[]>("#ranking tbody tr td:nth-child(2)", "cells => cells.map(c => c.textContent)");
        var api = expected.RootElement.GetProperty("ranking").EnumerateArray()
            .Select(r => string.Join(", ", r.GetProperty("stack").EnumerateObject().Select(l => $"{l.Name}={l.Value.GetString()}"))).ToArray();
        shown.ShouldBe(api);

        // A broken profile: its error at its line, from the server's diagnostics.
        before = await Version(page);
        await page.FillAsync("#profile", "profile: x\n  bad: [");
        await WaitForAnswer(page, before);
        (await page.TextContentAsync("#errors"))!.ShouldContain("line 2, column");
        (await page.EvalOnSelectorAllAsync<string[]>("#gutter .err", "e => e.map(x => x.textContent)")).ShouldBe(["2"]);

        await page.SetViewportSizeAsync(390, 844);
        await page.SelectOptionAsync("#pick", "example:serverless");
        await WaitForAnswer(page, await Version(page) - 1);
        await page.ScreenshotAsync(new PageScreenshotOptions { Path = Path.Combine(outDir, "page-390x844.png"), FullPage = false });
        (await SeriousViolations(page, axe)).ShouldBeEmpty("axe-core at 390x844");
        errors.Where(e => !e.Contains("422", StringComparison.Ordinal)).ShouldBeEmpty();
    }
}

[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, object>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(Dictionary<string, double>))]
[System.Text.Json.Serialization.JsonSerializable(typeof(bool))]
[System.Text.Json.Serialization.JsonSerializable(typeof(string))]
internal sealed partial class PageJson : System.Text.Json.Serialization.JsonSerializerContext;
