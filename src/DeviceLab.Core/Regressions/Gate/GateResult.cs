namespace DeviceLab.Core.Regressions.Gate;

/// <summary>The gate's verdict on one night with the numbers behind it.</summary>
/// <param name="Verdict">Pass, fail or no verdict.</param>
/// <param name="Night">The night judged.</param>
/// <param name="Value">Its median, in the metric's unit.</param>
/// <param name="BaselineMean">Mean of the baseline nights' medians (NaN without a baseline).</param>
/// <param name="BaselineNights">How many nights the baseline had.</param>
/// <param name="RelativeChange">Value / BaselineMean − 1 (NaN without a baseline).</param>
/// <param name="PValue">Two-sided p-value of the night against the baseline's prediction interval (NaN without a baseline).</param>
/// <param name="Reason">One sentence a CI log can show as is.</param>
public sealed record GateResult(
    GateVerdict Verdict, DateOnly Night, double Value, double BaselineMean, int BaselineNights, double RelativeChange, double PValue, string Reason);
