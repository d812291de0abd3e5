using DeviceLab.Core.Regressions;
using DeviceLab.Core.Regressions.Reports;
using DeviceLab.Server.Data;
using DeviceLab.Server.Regressions.Triage;
using Microsoft.EntityFrameworkCore;

namespace DeviceLab.Server.Regressions.Api;

/// <summary>A person's triage decision: the regression's current state and note change, and the history keeps every step.</summary>
internal static class RegressionTriage
{
    /// <returns>Found: whether the regression exists; Errors: what is wrong with the request (then nothing changed).</returns>
    public static async Task<(bool Found, Dictionary<string, string[]> Errors)> ApplyAsync(
        DeviceLabDbContext db, long id, TriageRequest? request, string by, DateTimeOffset now, CancellationToken cancellationToken)
    {
        var errors = new Dictionary<string, string[]>();
        var state = TriageState.Untriaged;
        if (request is null) errors["body"] = ["Send a JSON body: {\"state\": \"acknowledged\", \"note\": \"…\"}."];
        else if (!SnakeCaseJsonEnum<TriageState>.TryParse(request.State, out state))
            errors["state"] = [$"'{request.State}' is not a triage state; use one of {SnakeCaseJsonEnum<TriageState>.Names}."];
        if (request?.Note is { Length: > TriageRequest.MaxNoteLength } note)
            errors["note"] = [$"The note has {note.Length} characters; keep it at most {TriageRequest.MaxNoteLength}."];

        var regression = await db.Regressions.SingleOrDefaultAsync(r => r.Id == id, cancellationToken);
        if (regression is null) return (false, errors);
        if (errors.Count > 0) return (true, errors);

        var text = string.IsNullOrWhiteSpace(request!.Note) ? null : request.Note.Trim();
        regression.TriageState = state;
        regression.TriageNotes = text ?? regression.TriageNotes;
        regression.TriagedBy = by;
        regression.TriagedAt = now;
        regression.UpdatedAt = now;
        db.TriageEntries.Add(new TriageEntry { RegressionId = id, State = state, Note = text, By = by, At = now });
        await db.SaveChangesAsync(cancellationToken);
        return (true, errors);
    }
}
