using System.Data.Common;
using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Storage;

namespace DeviceLab.Server.Regressions.Series;

/// <summary>Runs a hand-written query on the context's connection and inside its current transaction.</summary>
internal static class RegressionSql
{
    public static async Task<List<T>> QueryAsync<T>(
        DeviceLabDbContext db, string sql, IEnumerable<object> parameters, Func<DbDataReader, T> read, CancellationToken cancellationToken)
    {
        var connection = db.Database.GetDbConnection();
        if (connection.State != System.Data.ConnectionState.Open) await db.Database.OpenConnectionAsync(cancellationToken);
        await using var command = connection.CreateCommand();
        command.CommandText = sql;
        command.Transaction = db.Database.CurrentTransaction?.GetDbTransaction();
        foreach (var parameter in parameters) command.Parameters.Add(parameter);
        var rows = new List<T>();
        await using var reader = await command.ExecuteReaderAsync(cancellationToken);
        while (await reader.ReadAsync(cancellationToken)) rows.Add(read(reader));
        return rows;
    }
}
