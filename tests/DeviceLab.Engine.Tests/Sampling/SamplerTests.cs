using DeviceLab.Engine.Sampling;

namespace DeviceLab.Engine.Tests.Sampling;

public sealed class SamplerTests
{
    private static readonly float[] Logits = [1.0f, 3.0f, 2.5f, -1f, 3.0f, 0.5f, 2.9f, -4f];

    [Fact]
    public void Greedy_takes_the_most_likely_token_and_the_lowest_id_on_a_tie()
    {
        var sampler = new Sampler(Logits.Length);
        Assert.Equal(1, sampler.Sample(Logits));
        Assert.Equal(1, Sampler.ArgMax(Logits));
    }

    [Fact]
    public void The_same_seed_draws_the_same_tokens_and_another_seed_does_not()
    {
        var options = new SamplerOptions { Temperature = 1.5f, Seed = 42 };
        var first = Draw(new Sampler(Logits.Length, options), 200);
        var again = Draw(new Sampler(Logits.Length, options), 200);
        var other = Draw(new Sampler(Logits.Length, options with { Seed = 43 }), 200);
        Assert.Equal(first, again);
        Assert.NotEqual(first, other);
    }

    [Fact]
    public void Temperature_sampling_follows_the_softmax()
    {
        const int draws = 40_000;
        var sampler = new Sampler(Logits.Length, new SamplerOptions { Temperature = 1f, Seed = 7 });
        var counts = new int[Logits.Length];
        foreach (var token in Draw(sampler, draws)) counts[token]++;
        var z = Logits.Sum(l => Math.Exp(l));
        for (var i = 0; i < Logits.Length; i++)
        {
            var p = Math.Exp(Logits[i]) / z;
            var sigma = Math.Sqrt(draws * p * (1 - p));
            Assert.InRange(counts[i], draws * p - 5 * sigma - 1, draws * p + 5 * sigma + 1);
        }
    }

    [Fact]
    public void Top_k_draws_only_among_the_k_most_likely()
    {
        var sampler = new Sampler(Logits.Length, new SamplerOptions { Temperature = 5f, TopK = 3, Seed = 3 });
        var seen = Draw(sampler, 2000).Distinct().Order().ToArray();
        Assert.Equal([1, 4, 6], seen);
        var one = new Sampler(Logits.Length, new SamplerOptions { Temperature = 100f, TopK = 1, Seed = 3 });
        Assert.All(Draw(one, 100), token => Assert.Equal(1, token));
    }

    [Fact]
    public void Top_p_keeps_the_smallest_set_reaching_p()
    {
        // p(0) ≈ 0.705, p(1) ≈ 0.259, the rest ≈ 0.036: P = 0.9 needs tokens 0 and 1, P = 0.5 only token 0.
        float[] logits = [5f, 4f, 1f, 0f, 0f];
        var nucleus = Draw(new Sampler(logits.Length, new SamplerOptions { Temperature = 1f, TopP = 0.9f, Seed = 11 }), 3000, logits).Distinct().Order();
        Assert.Equal([0, 1], nucleus);
        var narrow = Draw(new Sampler(logits.Length, new SamplerOptions { Temperature = 1f, TopP = 0.5f, Seed = 11 }), 300, logits).Distinct();
        Assert.Equal([0], narrow);
    }

    [Fact]
    public void Bad_options_and_logit_counts_are_named()
    {
        Assert.Contains("top-p", Assert.Throws<ArgumentOutOfRangeException>(() => new Sampler(8, new SamplerOptions { TopP = 0f })).Message);
        Assert.Contains("top-k", Assert.Throws<ArgumentOutOfRangeException>(() => new Sampler(8, new SamplerOptions { TopK = -1 })).Message);
        Assert.Contains("temperature", Assert.Throws<ArgumentOutOfRangeException>(() => new Sampler(8, new SamplerOptions { Temperature = float.NaN })).Message);
        Assert.Contains("expected 8 logits", Assert.Throws<ArgumentException>(() => new Sampler(8).Sample(new float[7])).Message);
    }

    private static int[] Draw(Sampler sampler, int count, float[]? logits = null) =>
        Enumerable.Range(0, count).Select(_ => sampler.Sample(logits ?? Logits)).ToArray();
}
