using System.Globalization;
using System.Text;

namespace DeviceLab.Server.Results.Exports;

/// <summary>
/// RFC 4180 CSV with invariant numbers (shortest round-trip form, so nothing is lost). Text that a spreadsheet would run
/// as a formula (starting with = + - @ or a tab) is prefixed with an apostrophe: device names come from devices.
/// </summary>
public sealed class CsvTable
{
    private readonly StringBuilder _text = new();

    public CsvTable(IEnumerable<string> header) => Row(header.Cast<object?>());

    public CsvTable Row(IEnumerable<object?> cells)
    {
        var first = true;
        foreach (var cell in cells)
        {
            if (!first) _text.Append(',');
            first = false;
            _text.Append(Format(cell));
        }
        _text.Append("\r\n");
        return this;
    }

    public override string ToString() => _text.ToString();

    private static string Format(object? cell) => cell switch
    {
        null => "",
        double d => double.IsFinite(d) ? d.ToString("R", CultureInfo.InvariantCulture) : "",
        float f => f.ToString("R", CultureInfo.InvariantCulture),
        bool b => b ? "true" : "false",
        DateTimeOffset t => t.UtcDateTime.ToString("yyyy-MM-dd'T'HH:mm:ss.fff'Z'", CultureInfo.InvariantCulture),
        DateOnly day => day.ToString("yyyy-MM-dd", CultureInfo.InvariantCulture),
        IFormattable number => number.ToString(null, CultureInfo.InvariantCulture),
        _ => Text(cell.ToString() ?? ""),
    };

    private static string Text(string text)
    {
        if (text.Length > 0 && text[0] is '=' or '+' or '-' or '@' or '\t' or '\r') text = "'" + text;
        return text.AsSpan().IndexOfAny(",\"\r\n") >= 0 ? "\"" + text.Replace("\"", "\"\"") + "\"" : text;
    }
}
