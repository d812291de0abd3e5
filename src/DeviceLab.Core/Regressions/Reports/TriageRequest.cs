namespace DeviceLab.Core.Regressions.Reports;

/// <summary>Body of <c>PATCH /api/v1/regressions/{id}/triage</c>.</summary>
/// <param name="State">untriaged, acknowledged, invalid, fixed or wont_fix.</param>
/// <param name="Note">Why, for the next person (optional, at most <see cref="MaxNoteLength"/> characters).</param>
public sealed record TriageRequest(string State, string? Note)
{
    public const int MaxNoteLength = 4000;

    public static TriageRequest For(TriageState state, string? note) => new(SnakeCaseJsonEnum<TriageState>.NameOf(state), note);
}
