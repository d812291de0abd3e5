namespace DeviceLab.Server.Runs.Planning;

/// <summary>A run (or suite) cannot be created as asked; <see cref="Problems"/> names each problem and the field it is about.
/// Nothing was stored.</summary>
public sealed class RunRequestException(IReadOnlyDictionary<string, string[]> problems)
    : Exception(string.Join("; ", problems.SelectMany(p => p.Value.Select(v => $"{p.Key}: {v}"))))
{
    public IReadOnlyDictionary<string, string[]> Problems { get; } = problems;

    public static RunRequestException For(string field, string problem) => new(new Dictionary<string, string[]> { [field] = [problem] });
}
