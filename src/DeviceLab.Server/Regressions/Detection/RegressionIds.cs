using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Triage;

namespace DeviceLab.Server.Regressions.Detection;

/// <summary>Between stored regressions (bigint ids) and the pure reconciler's records (Guid ids).</summary>
internal static class RegressionIds
{
    public static Guid ToGuid(long id)
    {
        Span<byte> bytes = stackalloc byte[16];
        BitConverter.TryWriteBytes(bytes, id);
        return new Guid(bytes);
    }

    public static long ToId(Guid guid)
    {
        Span<byte> bytes = stackalloc byte[16];
        guid.TryWriteBytes(bytes);
        return BitConverter.ToInt64(bytes);
    }

    public static KnownRegression ToKnown(Regression regression) => new(
        ToGuid(regression.Id), KindOf(regression.Direction), regression.FirstBadNight, regression.MeanBefore, regression.MeanAfter, regression.RestoredNight);

    public static ChangeKind KindOf(RegressionDirection direction) =>
        direction == RegressionDirection.Regression ? ChangeKind.Regression : ChangeKind.Improvement;

    public static RegressionDirection DirectionOf(ChangeKind kind) =>
        kind == ChangeKind.Regression ? RegressionDirection.Regression : RegressionDirection.Improvement;
}
