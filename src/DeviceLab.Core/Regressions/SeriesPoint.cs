namespace DeviceLab.Core.Regressions;

/// <summary>
/// One night of a series: the night's repetitions (across every device of the model) summarised.
/// Change-point detection works on <see cref="Median"/>; spread and count travel with it so a chart or
/// a regression report can show how solid each night was.
/// </summary>
/// <param name="Night">The night the suite ran (the lab's local date of the scheduled run).</param>
/// <param name="Median">Median of the night's repetitions, in the metric's unit.</param>
/// <param name="Spread">Standard deviation of the night's repetitions, same unit; 0 for a single repetition.</param>
/// <param name="N">Number of repetitions behind the median (≥ 1).</param>
/// <param name="RunId">The run that produced the night, when known.</param>
public readonly record struct SeriesPoint(DateOnly Night, double Median, double Spread, int N, Guid? RunId = null);
