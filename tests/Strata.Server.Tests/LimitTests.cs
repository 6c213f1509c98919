using System.Net;

namespace Strata.Server.Tests;

/// <summary>The time limit stops the engine itself, and the answer cache stays within its bytes.</summary>
public class LimitTests
{
    [Fact]
    public async Task TimeLimit_InterruptsTheEngine_503AndTheSlotIsFreeAgain()
    {
        await using var s = await TestServer.Start(new ServerOptions { TimeLimit = TimeSpan.FromMilliseconds(300), MaxEvaluations = 1 });
        // 400,000 samples take many seconds here: the 503 comes first, and the sampling stops on its token.
        var p = await ApiTests.Problem(await s.Post("/v1/evaluate", """{"profile":"edge","samples":400000}"""), 503);
        p.GetProperty("code").GetString().ShouldBe("time-limit");
        for (var i = 0; i < 600 && s.Api.Gate.InFlight > 0; i++)
        {
            await Task.Delay(50);
        }
        s.Api.Gate.InFlight.ShouldBe(0);
        // The evaluation ended by its cancellation (OperationCanceledException), not by running to the end.
        s.Api.Gate.Cancelled.ShouldBe(1);
        // The one slot is free: the next request is taken (not refused with 429); it is answered, in time or not.
        var next = await s.Post("/v1/evaluate", """{"profile":"serverless","robustness":false}""");
        next.StatusCode.ShouldBeOneOf(HttpStatusCode.OK, HttpStatusCode.ServiceUnavailable);
    }

    [Fact]
    public void Cache_BoundedByBytes_OldestGoFirst_OversizedNotKept()
    {
        var cache = new AnswerCache(capacity: 100, maxBytes: 1_000);
        static string Key(int i) => "k" + i; // 2 characters: 4 bytes counted for the key
        for (var i = 0; i < 10; i++)
        {
            cache.Add(Key(i), new byte[296]);
            cache.Bytes.ShouldBeLessThanOrEqualTo(1_000);
        }
        cache.Count.ShouldBe(3);
        cache.Bytes.ShouldBe(900);
        cache.TryGet(Key(9), out _).ShouldBeTrue();
        cache.TryGet(Key(7), out _).ShouldBeTrue();
        cache.TryGet(Key(6), out _).ShouldBeFalse();
        cache.Add("big", new byte[1_001]);
        cache.TryGet("big", out _).ShouldBeFalse();
        cache.Count.ShouldBe(3);

        var byCount = new AnswerCache(capacity: 2, maxBytes: 1_000_000);
        for (var i = 0; i < 5; i++)
        {
            byCount.Add(Key(i), [1, 2, 3]);
        }
        byCount.Count.ShouldBe(2);
        byCount.TryGet(Key(4), out var v).ShouldBeTrue();
        v.ShouldBe(new byte[] { 1, 2, 3 });
    }
}
