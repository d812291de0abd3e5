using System;
using System.Collections.Generic;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DeviceLab.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class NightlyRegressionDetection : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.AddColumn<string>(
                name: "detector_overrides",
                table: "suites",
                type: "jsonb",
                nullable: true);

            migrationBuilder.AddColumn<List<long>>(
                name: "affected_variant_ids",
                table: "regressions",
                type: "bigint[]",
                nullable: false,
                defaultValueSql: "'{}'");

            migrationBuilder.AddColumn<DateOnly>(
                name: "first_bad_night",
                table: "regressions",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<DateOnly>(
                name: "last_good_night",
                table: "regressions",
                type: "date",
                nullable: false,
                defaultValue: new DateOnly(1, 1, 1));

            migrationBuilder.AddColumn<double>(
                name: "mean_after",
                table: "regressions",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "mean_before",
                table: "regressions",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<bool>(
                name: "measured_on_virtual_devices",
                table: "regressions",
                type: "boolean",
                nullable: false,
                defaultValue: false);

            migrationBuilder.AddColumn<int>(
                name: "nights_after",
                table: "regressions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<int>(
                name: "nights_before",
                table: "regressions",
                type: "integer",
                nullable: false,
                defaultValue: 0);

            migrationBuilder.AddColumn<long>(
                name: "opened_by_run_id",
                table: "regressions",
                type: "bigint",
                nullable: true);

            migrationBuilder.AddColumn<DateOnly>(
                name: "restored_night",
                table: "regressions",
                type: "date",
                nullable: true);

            migrationBuilder.AddColumn<double>(
                name: "std_dev_after",
                table: "regressions",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<double>(
                name: "std_dev_before",
                table: "regressions",
                type: "double precision",
                nullable: false,
                defaultValue: 0.0);

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "triaged_at",
                table: "regressions",
                type: "timestamp with time zone",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "triaged_by",
                table: "regressions",
                type: "text",
                nullable: true);

            migrationBuilder.AddColumn<string>(
                name: "unit",
                table: "regressions",
                type: "text",
                nullable: false,
                defaultValue: "");

            migrationBuilder.AddColumn<DateTimeOffset>(
                name: "updated_at",
                table: "regressions",
                type: "timestamp with time zone",
                nullable: false,
                defaultValue: new DateTimeOffset(new DateTime(1, 1, 1, 0, 0, 0, 0, DateTimeKind.Unspecified), new TimeSpan(0, 0, 0, 0, 0)));

            migrationBuilder.CreateTable(
                name: "nightly_points",
                columns: table => new
                {
                    suite_id = table.Column<long>(type: "bigint", nullable: false),
                    device_model = table.Column<string>(type: "text", nullable: false),
                    model_id = table.Column<long>(type: "bigint", nullable: false),
                    variant_id = table.Column<long>(type: "bigint", nullable: false),
                    metric = table.Column<string>(type: "text", nullable: false),
                    night = table.Column<DateOnly>(type: "date", nullable: false),
                    median = table.Column<double>(type: "double precision", nullable: false),
                    spread = table.Column<double>(type: "double precision", nullable: false),
                    count = table.Column<long>(type: "bigint", nullable: false),
                    results = table.Column<int>(type: "integer", nullable: false),
                    run_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    device_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    any_virtual = table.Column<bool>(type: "boolean", nullable: false),
                    any_simulated = table.Column<bool>(type: "boolean", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_nightly_points", x => new { x.suite_id, x.device_model, x.model_id, x.variant_id, x.metric, x.night });
                    table.ForeignKey(
                        name: "fk_nightly_points_suites_suite_id",
                        column: x => x.suite_id,
                        principalTable: "suites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_nightly_points_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "regression_checks",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    suite_id = table.Column<long>(type: "bigint", nullable: false),
                    night = table.Column<DateOnly>(type: "date", nullable: false),
                    nights_rebuilt = table.Column<int>(type: "integer", nullable: false),
                    series_checked = table.Column<int>(type: "integer", nullable: false),
                    opened = table.Column<int>(type: "integer", nullable: false),
                    updated = table.Column<int>(type: "integer", nullable: false),
                    closed = table.Column<int>(type: "integer", nullable: false),
                    gate_failures = table.Column<int>(type: "integer", nullable: false),
                    checked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regression_checks", x => x.run_id);
                    table.ForeignKey(
                        name: "fk_regression_checks_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_gate_verdicts",
                columns: table => new
                {
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    device_model = table.Column<string>(type: "text", nullable: false),
                    variant_id = table.Column<long>(type: "bigint", nullable: false),
                    metric = table.Column<string>(type: "text", nullable: false),
                    suite_id = table.Column<long>(type: "bigint", nullable: false),
                    model_id = table.Column<long>(type: "bigint", nullable: false),
                    night = table.Column<DateOnly>(type: "date", nullable: false),
                    verdict = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    baseline_mean = table.Column<double>(type: "double precision", nullable: true),
                    baseline_nights = table.Column<int>(type: "integer", nullable: false),
                    relative_change = table.Column<double>(type: "double precision", nullable: true),
                    p_value = table.Column<double>(type: "double precision", nullable: true),
                    reason = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_gate_verdicts", x => new { x.run_id, x.device_model, x.variant_id, x.metric });
                    table.ForeignKey(
                        name: "fk_run_gate_verdicts_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "triage_entries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    regression_id = table.Column<long>(type: "bigint", nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    note = table.Column<string>(type: "text", nullable: true),
                    by = table.Column<string>(type: "text", nullable: false),
                    at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_triage_entries", x => x.id);
                    table.ForeignKey(
                        name: "fk_triage_entries_regressions_regression_id",
                        column: x => x.regression_id,
                        principalTable: "regressions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "webhook_deliveries",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    regression_id = table.Column<long>(type: "bigint", nullable: false),
                    @event = table.Column<string>(name: "event", type: "character varying(32)", maxLength: 32, nullable: false),
                    webhook = table.Column<string>(type: "text", nullable: false),
                    url = table.Column<string>(type: "text", nullable: false),
                    format = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    body = table.Column<string>(type: "text", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    attempts = table.Column<int>(type: "integer", nullable: false),
                    last_status_code = table.Column<int>(type: "integer", nullable: true),
                    last_error = table.Column<string>(type: "text", nullable: true),
                    hangfire_job_id = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    next_attempt_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    delivered_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_webhook_deliveries", x => x.id);
                    table.ForeignKey(
                        name: "fk_webhook_deliveries_regressions_regression_id",
                        column: x => x.regression_id,
                        principalTable: "regressions",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_nightly_points_variant_id",
                table: "nightly_points",
                column: "variant_id");

            migrationBuilder.CreateIndex(
                name: "ix_triage_entries_regression_id_at",
                table: "triage_entries",
                columns: new[] { "regression_id", "at" });

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_regression_id",
                table: "webhook_deliveries",
                column: "regression_id");

            migrationBuilder.CreateIndex(
                name: "ix_webhook_deliveries_status",
                table: "webhook_deliveries",
                column: "status");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "nightly_points");

            migrationBuilder.DropTable(
                name: "regression_checks");

            migrationBuilder.DropTable(
                name: "run_gate_verdicts");

            migrationBuilder.DropTable(
                name: "triage_entries");

            migrationBuilder.DropTable(
                name: "webhook_deliveries");

            migrationBuilder.DropColumn(
                name: "detector_overrides",
                table: "suites");

            migrationBuilder.DropColumn(
                name: "affected_variant_ids",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "first_bad_night",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "last_good_night",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "mean_after",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "mean_before",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "measured_on_virtual_devices",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "nights_after",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "nights_before",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "opened_by_run_id",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "restored_night",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "std_dev_after",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "std_dev_before",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "triaged_at",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "triaged_by",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "unit",
                table: "regressions");

            migrationBuilder.DropColumn(
                name: "updated_at",
                table: "regressions");
        }
    }
}
