using DeviceLab.Server.Data;
using Microsoft.EntityFrameworkCore.Infrastructure;
using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeviceLab.Server.Data.Migrations
{
    /// <summary>
    /// A peak the agent could not measure arrives as −1; ingestion stores it as NULL since session 3. This rewrites the
    /// −1s stored before, so every query can take NULL as "no figure" and none has to know about −1. Data only: the
    /// model is unchanged (no target model of its own; the snapshot stays as it is).
    /// </summary>
    [DbContext(typeof(DeviceLabDbContext))]
    [Migration("20261126033000_UnmeasuredPeakMemoryIsNull")]
    public partial class UnmeasuredPeakMemoryIsNull : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder) =>
            migrationBuilder.Sql("UPDATE results SET peak_memory_bytes = NULL WHERE peak_memory_bytes < 0;");

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            // Nothing to restore: NULL and −1 meant the same, and NULL is what ingestion writes.
        }
    }
}
