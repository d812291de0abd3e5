namespace DeviceLab.Core.Statistics;

/// <summary>A two-sided confidence interval.</summary>
/// <param name="Low">Lower bound.</param>
/// <param name="High">Upper bound.</param>
/// <param name="Level">Coverage, e.g. 0.95.</param>
public readonly record struct ConfidenceInterval(double Low, double High, double Level)
{
    public bool Contains(double value) => value >= Low && value <= High;

    public override string ToString() => $"[{Low:G4}, {High:G4}] ({Level:P0})";
}
