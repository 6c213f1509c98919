using Strata.Application.Requests;
using Strata.Catalog.Loading;

namespace Strata.Application.Tests;

public class CatalogCacheTests
{
    [Fact]
    public void Get_SameCatalogueManyTimes_LoadsItOnce()
    {
        var loads = 0;
        var app = new StrataApplication(new CatalogCache(_ => { Interlocked.Increment(ref loads); return CatalogLoader.LoadBundled(); }), TimeProvider.System);

        app.Decide(new DecisionRequest(ProfileSource.Scenario("edge"))).Kind.ShouldBe(OutcomeKind.Success);
        app.Decide(new DecisionRequest(ProfileSource.Scenario("serverless"))).Kind.ShouldBe(OutcomeKind.Success);
        app.Validate(CatalogLocation.Bundled).Kind.ShouldBe(OutcomeKind.Success);
        app.ListTechnologies(CatalogLocation.Bundled).Kind.ShouldBe(OutcomeKind.Success);

        loads.ShouldBe(1);
    }

    [Fact]
    public void Get_FromManyThreadsAtOnce_LoadsOnceAndSharesTheResult()
    {
        var loads = 0;
        var cache = new CatalogCache(_ => { Interlocked.Increment(ref loads); Thread.Sleep(50); return CatalogLoader.LoadBundled(); });

        var results = Enumerable.Range(0, 16).AsParallel().WithDegreeOfParallelism(16).Select(_ => cache.Get(CatalogLocation.Bundled)).ToList();

        loads.ShouldBe(1);
        results.Distinct().Count().ShouldBe(1);
    }

    [Fact]
    public void Get_DifferentDirectories_LoadsEach()
    {
        var loaded = new List<string?>();
        var cache = new CatalogCache(l => { lock (loaded) { loaded.Add(l.Directory); } return CatalogLoader.LoadBundled(); });

        cache.Get(CatalogLocation.InDirectory("a"));
        cache.Get(CatalogLocation.InDirectory("b"));
        cache.Get(CatalogLocation.InDirectory("a"));

        loaded.ShouldBe(["a", "b"]);
    }

    [Fact]
    public void Get_LoaderFaults_DoesNotKeepTheFault()
    {
        var calls = 0;
        var cache = new CatalogCache(_ => ++calls == 1 ? throw new IOException("the disk went away") : CatalogLoader.LoadBundled());

        Should.Throw<IOException>(() => cache.Get(CatalogLocation.Bundled));

        cache.Get(CatalogLocation.Bundled).Success.ShouldBeTrue();
        calls.ShouldBe(2);
    }
}
