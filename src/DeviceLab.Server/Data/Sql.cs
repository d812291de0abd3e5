using Npgsql;

namespace DeviceLab.Server.Data;

/// <summary>Small helpers for hand-written SQL with positional parameters ($1, $2 …).</summary>
internal static class Sql
{
    public static async Task<int> ExecuteAsync(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        return await command.ExecuteNonQueryAsync(cancellationToken);
    }

    /// <summary>The first column of the first row, or default when there is no row or it is NULL.</summary>
    public static async Task<T?> ScalarAsync<T>(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, CancellationToken cancellationToken, params object[] parameters)
    {
        await using var command = Command(connection, transaction, sql, parameters);
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        if (!await reader.ReadAsync(cancellationToken) || await reader.IsDBNullAsync(0, cancellationToken)) return default;
        var type = Nullable.GetUnderlyingType(typeof(T)) ?? typeof(T);
        var value = type == typeof(TimeSpan) ? reader.GetFieldValue<TimeSpan>(0)
            : type == typeof(DateTimeOffset) ? reader.GetFieldValue<DateTimeOffset>(0)
            : reader.GetValue(0);
        return (T)(type == typeof(TimeSpan) || type == typeof(DateTimeOffset) ? value : Convert.ChangeType(value, type, System.Globalization.CultureInfo.InvariantCulture));
    }

    private static NpgsqlCommand Command(NpgsqlConnection connection, NpgsqlTransaction? transaction, string sql, object[] parameters)
    {
        var command = new NpgsqlCommand(sql, connection, transaction);
        foreach (var parameter in parameters) command.Parameters.Add(parameter as NpgsqlParameter ?? new NpgsqlParameter { Value = parameter });
        return command;
    }
}
