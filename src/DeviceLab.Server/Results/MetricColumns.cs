using System.Linq.Expressions;
using DeviceLab.Core.Statistics;

namespace DeviceLab.Server.Results;

/// <summary>
/// The column(s) of a <see cref="ResultMetricView"/> as EF expressions, so a query reads only the metric it charts: a
/// SampleSummary for metrics with spread per repetition, a single value for the others (energy only when valid).
/// </summary>
public static class MetricColumns
{
    public static Expression<Func<BenchmarkResult, SampleSummary?>>? Summary(ResultMetricView metric) => metric.Key switch
    {
        "decode_tokens_per_second" => r => r.DecodeTokensPerSecond,
        "decode_ms_per_token" => r => r.DecodeMsPerToken,
        "prefill_tokens_per_second" => r => r.PrefillTokensPerSecond,
        "time_to_first_token_ms" => r => r.TimeToFirstTokenMs,
        _ => null,
    };

    public static Expression<Func<BenchmarkResult, double?>>? Value(ResultMetricView metric) => metric.Key switch
    {
        "peak_memory_bytes" => r => r.PeakMemoryBytes,
        "energy_mj_per_token" => r => r.EnergyValid ? r.EnergyMjPerToken : null,
        "perplexity" => r => r.Perplexity,
        "kl_divergence" => r => r.KlDivergence,
        "top1_agreement" => r => r.Top1Agreement,
        "thermal_max_c" => r => r.ThermalMaxC,
        "throttled_share" => r => r.ThrottledShare,
        _ => null,
    };

    /// <summary>
    /// <paramref name="projection"/> with its <c>Summary</c> / <c>Value</c> members bound to the metric's column
    /// (the other one to null): one SQL projection per metric, without a CASE over every column.
    /// </summary>
    public static Expression<Func<BenchmarkResult, T>> Bind<T>(Expression<Func<BenchmarkResult, T>> projection, ResultMetricView metric)
    {
        var init = (MemberInitExpression)projection.Body;
        var parameter = projection.Parameters[0];
        Expression Column<TColumn>(Expression<Func<BenchmarkResult, TColumn>>? column) => column is null
            ? Expression.Constant(null, typeof(TColumn))
            : new Rebind(column.Parameters[0], parameter).Visit(column.Body);
        var bindings = init.Bindings.Cast<MemberAssignment>().Select(b => b.Member.Name switch
        {
            "Summary" => Expression.Bind(b.Member, Column(Summary(metric))),
            "Value" => Expression.Bind(b.Member, Column(Value(metric))),
            _ => b,
        });
        return Expression.Lambda<Func<BenchmarkResult, T>>(Expression.MemberInit(init.NewExpression, bindings), parameter);
    }

    private sealed class Rebind(ParameterExpression from, ParameterExpression to) : ExpressionVisitor
    {
        protected override Expression VisitParameter(ParameterExpression node) => node == from ? to : node;
    }
}
