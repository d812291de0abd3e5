namespace DeviceLab.Server.Regressions.Detection;

/// <summary>
/// Links records of one change seen on several variants: same suite, device model, model and metric, same direction,
/// first bad nights at most <see cref="ToleranceNights"/> apart (the reconciler's matching tolerance). A change in the
/// engine or the OS usually hits every variant at once; one in a quantizer only its variant.
/// </summary>
internal static class AffectedVariants
{
    public const int ToleranceNights = 4;

    /// <summary>Sets <see cref="Regression.AffectedVariantIds"/> on every record (this one's variant included, sorted).</summary>
    public static void Link(IReadOnlyCollection<Regression> suiteRecords)
    {
        foreach (var group in suiteRecords.GroupBy(r => (r.DeviceModel, r.ModelId, r.Metric, r.Direction)))
        {
            foreach (var record in group)
            {
                var variants = group
                    .Where(other => Math.Abs(other.FirstBadNight.DayNumber - record.FirstBadNight.DayNumber) <= ToleranceNights)
                    .Select(other => other.VariantId)
                    .Append(record.VariantId)
                    .Distinct()
                    .Order()
                    .ToList();
                if (!variants.SequenceEqual(record.AffectedVariantIds)) record.AffectedVariantIds = variants;
            }
        }
    }
}
