using DeviceLab.Core.Models;
using DeviceLab.Core.Regressions;

namespace DeviceLab.Server.Regressions.Api;

/// <summary>
/// The query of <c>GET /api/v1/regressions</c>, checked before it touches the database: an unknown status, triage
/// state or variant is a 400 naming the value and the accepted ones, never an empty list that looks like good news.
/// </summary>
internal sealed record RegressionFilter(
    RegressionStatus? Status, TriageState? Triage, RegressionDirection? Direction, string? Suite, string? DeviceModel,
    string? Model, QuantType? Variant, string? Metric, int Limit, int Offset)
{
    public const int DefaultLimit = 100;
    public const int MaxLimit = 1000;

    public static (RegressionFilter? Filter, Dictionary<string, string[]> Errors) Parse(
        string? status, string? triage, string? direction, string? suite, string? deviceModel, string? model, string? variant,
        string? metric, int? limit, int? offset)
    {
        var errors = new Dictionary<string, string[]>();
        var parsedStatus = Named<RegressionStatus>("status", status, errors);
        var parsedTriage = Named<TriageState>("triage", triage, errors);
        var parsedDirection = Named<RegressionDirection>("direction", direction, errors);
        QuantType? parsedVariant = null;
        if (!string.IsNullOrWhiteSpace(variant))
        {
            if (Enum.TryParse<QuantType>(variant.Trim(), ignoreCase: true, out var quantType) && Enum.IsDefined(quantType)) parsedVariant = quantType;
            else errors["variant"] = [$"'{variant}' is not a variant; use one of {string.Join(", ", Enum.GetNames<QuantType>())}."];
        }
        if (limit is < 1 or > MaxLimit) errors["limit"] = [$"limit is {limit}; use 1–{MaxLimit}."];
        if (offset is < 0) errors["offset"] = [$"offset is {offset}; use 0 or more."];
        if (errors.Count > 0) return (null, errors);
        return (new RegressionFilter(parsedStatus, parsedTriage, parsedDirection, Blank(suite), Blank(deviceModel), Blank(model), parsedVariant,
            Blank(metric), limit ?? DefaultLimit, offset ?? 0), errors);
    }

    private static TEnum? Named<TEnum>(string name, string? text, Dictionary<string, string[]> errors) where TEnum : struct, System.Enum
    {
        if (string.IsNullOrWhiteSpace(text)) return null;
        if (SnakeCaseJsonEnum<TEnum>.TryParse(text, out var value)) return value;
        errors[name] = [$"'{text}' is not a {name}; use one of {SnakeCaseJsonEnum<TEnum>.Names}."];
        return null;
    }

    private static string? Blank(string? text) => string.IsNullOrWhiteSpace(text) ? null : text.Trim();
}
