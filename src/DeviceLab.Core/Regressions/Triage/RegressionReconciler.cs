using DeviceLab.Core.Regressions.Detection;

namespace DeviceLab.Core.Regressions.Triage;

/// <summary>
/// Decides, from a series' change points and the regressions already recorded for it, what to open,
/// refresh and close. Pure: the server applies the actions; the evaluation harness replays them.
/// </summary>
/// <remarks>
/// Rules, per change point in night order:
/// <list type="number">
/// <item>Same direction as a recorded change whose first bad night is within
/// <see cref="MatchToleranceNights"/> nights: it is that change (a change's first bad night moves by a
/// few nights while its new level is only a few nights long). Refresh it if it still stands; never open
/// it again, whatever its triage state.</item>
/// <item>Within the tolerance of the night a recorded change was restored, opposite direction: it is that
/// restoration, already handled.</item>
/// <item>Opposite to standing regressions before it that are still detected, and bringing the level at
/// least halfway back to where it was before them: close those regressions. A fix is not reported as an
/// improvement.</item>
/// <item>Otherwise: a new regression or improvement. (Undoing an improvement is a regression.)</item>
/// </list>
/// A recorded change that the detector no longer finds is left alone: whether it was noise is for a
/// human to triage, not for the next night's data to erase silently.
/// </remarks>
public sealed class RegressionReconciler(int matchToleranceNights = 4)
{
    public int MatchToleranceNights { get; } = matchToleranceNights >= 0
        ? matchToleranceNights
        : throw new ArgumentOutOfRangeException(nameof(matchToleranceNights), matchToleranceNights, "Must be ≥ 0 nights.");

    /// <param name="series">The series the change points were detected on.</param>
    /// <param name="changePoints">Its change points (indices into <see cref="NightlySeries.Points"/>).</param>
    /// <param name="known">Every record already stored for this series.</param>
    /// <exception cref="ArgumentException">A change point's index is outside the series.</exception>
    public IReadOnlyList<RegressionAction> Reconcile(
        NightlySeries series, IReadOnlyList<ChangePoint> changePoints, IReadOnlyList<KnownRegression> known)
    {
        ArgumentNullException.ThrowIfNull(series);
        ArgumentNullException.ThrowIfNull(changePoints);
        ArgumentNullException.ThrowIfNull(known);
        var records = known.Select(k => new Record(k.Id, k.Kind, k.FirstBadNight, k.MeanBefore, k.MeanAfter, k.RestoredNight)).ToList();
        var actions = new List<RegressionAction>();

        foreach (var changePoint in changePoints.OrderBy(c => c.Index))
        {
            if (changePoint.Index <= 0 || changePoint.Index >= series.Count)
                throw new ArgumentException(
                    $"Change point index {changePoint.Index} is outside series {series.Key} of {series.Count} nights (it must have a night before it).",
                    nameof(changePoints));
            var night = series.Points[changePoint.Index].Night;

            if (SameChange(series, records, changePoint) is { } same)
            {
                same.SeenThisNight = true;
                Refresh(same, changePoint, night, actions);
                continue;
            }
            if (IsKnownRestoration(series, records, changePoint)) continue;

            var restored = records.Where(r => Restores(changePoint, night, r)).ToList();
            if (restored.Count > 0)
            {
                foreach (var record in restored) Close(record, changePoint, night, actions);
                continue;
            }

            var kind = ChangeKinds.Of(changePoint.Direction, series.Direction);
            var open = new OpenRegression(kind, night, series.Points[changePoint.Index - 1].Night, series.Points[changePoint.Index].RunId, changePoint);
            records.Add(new Record(null, kind, night, changePoint.MeanBefore, changePoint.MeanAfter, null) { PendingOpen = actions.Count, SeenThisNight = true });
            actions.Add(open);
        }
        return actions;
    }

    // Nearest record of the same direction within the tolerance that no earlier change point of this
    // pass has claimed: one record per change point, one change point per record.
    private Record? SameChange(NightlySeries series, List<Record> records, ChangePoint changePoint) =>
        records
            .Where(r => r.Direction == changePoint.Direction && !r.SeenThisNight)
            .Select(r => (Record: r, Distance: Math.Abs(IndexOfNight(series, r.FirstBadNight) - changePoint.Index)))
            .Where(m => m.Distance <= MatchToleranceNights)
            .OrderBy(m => m.Distance)
            .Select(m => m.Record)
            .FirstOrDefault();

    private bool IsKnownRestoration(NightlySeries series, List<Record> records, ChangePoint changePoint) =>
        records.Any(r => r.RestoredNight is { } restoredNight
                         && r.Direction != changePoint.Direction
                         && Math.Abs(IndexOfNight(series, restoredNight) - changePoint.Index) <= MatchToleranceNights);

    // Only a regression the detector still sees can be restored (a vanished one was likely noise, and
    // must not swallow a real improvement); halfway back: the new level is on the old level's side of
    // the midpoint between old and regressed.
    private static bool Restores(ChangePoint changePoint, DateOnly night, Record record)
    {
        if (record.Kind != ChangeKind.Regression || !record.SeenThisNight || record.RestoredNight is not null || record.FirstBadNight >= night) return false;
        if (record.Direction == changePoint.Direction) return false;
        var midpoint = (record.MeanBefore + record.MeanAfter) / 2;
        return record.Direction == ChangeDirection.Increase ? changePoint.MeanAfter <= midpoint : changePoint.MeanAfter >= midpoint;
    }

    private static void Refresh(Record record, ChangePoint changePoint, DateOnly night, List<RegressionAction> actions)
    {
        if (record.RestoredNight is not null) return;
        if (record.Id is { } id)
        {
            if (record.FirstBadNight != night || record.MeanBefore != changePoint.MeanBefore || record.MeanAfter != changePoint.MeanAfter)
                actions.Add(new UpdateRegression(id, night, changePoint));
        }
        record.FirstBadNight = night;
        record.MeanBefore = changePoint.MeanBefore;
        record.MeanAfter = changePoint.MeanAfter;
    }

    private static void Close(Record record, ChangePoint restoring, DateOnly night, List<RegressionAction> actions)
    {
        record.RestoredNight = night;
        if (record.Id is { } id) actions.Add(new CloseRegression(id, night, restoring));
        else if (record.PendingOpen is { } pending) actions[pending] = ((OpenRegression)actions[pending]) with { RestoredNight = night };
    }

    // Index of the first point on or after the night; nights without a run do not stretch the tolerance.
    private static int IndexOfNight(NightlySeries series, DateOnly night)
    {
        int low = 0, high = series.Count;
        while (low < high)
        {
            var mid = (low + high) / 2;
            if (series.Points[mid].Night < night) low = mid + 1; else high = mid;
        }
        return low;
    }

    /// <summary>Working copy of a stored record (Id set) or one opened during this pass (PendingOpen set).</summary>
    private sealed class Record(Guid? id, ChangeKind kind, DateOnly firstBadNight, double meanBefore, double meanAfter, DateOnly? restoredNight)
    {
        public Guid? Id { get; } = id;
        public ChangeKind Kind { get; } = kind;
        public DateOnly FirstBadNight { get; set; } = firstBadNight;
        public double MeanBefore { get; set; } = meanBefore;
        public double MeanAfter { get; set; } = meanAfter;
        public DateOnly? RestoredNight { get; set; } = restoredNight;
        public int? PendingOpen { get; init; }
        public bool SeenThisNight { get; set; }
        public ChangeDirection Direction => MeanAfter >= MeanBefore ? ChangeDirection.Increase : ChangeDirection.Decrease;
    }
}
