using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DeviceLab.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class Orchestration : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "cancel_reason",
                table: "runs",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancel_requested_at",
                table: "runs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "cancel_requested_at",
                table: "run_jobs",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<bool>(
                name: "is_connected",
                table: "devices",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<string>(
                name: "quarantine_reason",
                table: "devices",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "quarantined_at",
                table: "devices",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "state_reason",
                table: "devices",
                type: "character varying(1000)",
                maxLength: 1000,
                nullable: true);

            migrationBuilder.AddColumn<List<string>>(
                name: "user_tags",
                table: "devices",
                type: "text[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.CreateTable(
                name: "run_job_attempts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_job_id = table.Column<long>(type: "bigint", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    error_code = table.Column<string>(type: "text", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    is_partial = table.Column<bool>(type: "boolean", nullable: false),
                    lease_fencing_token = table.Column<long>(type: "bigint", nullable: true),
                    hangfire_job_id = table.Column<string>(type: "text", nullable: true),
                    agent_exit_code = table.Column<int>(type: "integer", nullable: true),
                    stored_through_seq = table.Column<long>(type: "bigint", nullable: false),
                    repetitions_done = table.Column<int>(type: "integer", nullable: false),
                    repetitions_total = table.Column<int>(type: "integer", nullable: false),
                    agent_hello = table.Column<JsonElement>(type: "jsonb", nullable: true),
                    preparation = table.Column<JsonElement>(type: "jsonb", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_job_attempts", x => x.id);
                    table.ForeignKey(
                        name: "fk_run_job_attempts_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_run_job_attempts_run_jobs_run_job_id",
                        column: x => x.run_job_id,
                        principalTable: "run_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_run_job_attempts_device_id_status",
                table: "run_job_attempts",
                columns: new[] { "device_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_run_job_attempts_run_job_id_attempt",
                table: "run_job_attempts",
                columns: new[] { "run_job_id", "attempt" },
                unique: true);
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "run_job_attempts");

            migrationBuilder.DropColumn(
                name: "cancel_reason",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "cancel_requested_at",
                table: "runs");

            migrationBuilder.DropColumn(
                name: "cancel_requested_at",
                table: "run_jobs");

            migrationBuilder.DropColumn(
                name: "is_connected",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "quarantine_reason",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "quarantined_at",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "state_reason",
                table: "devices");

            migrationBuilder.DropColumn(
                name: "user_tags",
                table: "devices");
        }
    }
}
