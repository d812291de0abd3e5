using System;
using System.Collections.Generic;
using System.Text.Json;
using Microsoft.EntityFrameworkCore.Migrations;
using Npgsql.EntityFrameworkCore.PostgreSQL.Metadata;

#nullable disable

namespace DeviceLab.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class InitialSchema : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateTable(
                name: "api_keys",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    prefix = table.Column<string>(type: "text", nullable: false),
                    hash = table.Column<string>(type: "text", nullable: false),
                    role = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_used_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    revoked_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_api_keys", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "artifacts",
                columns: table => new
                {
                    sha256 = table.Column<string>(type: "character(64)", fixedLength: true, maxLength: 64, nullable: false),
                    size_bytes = table.Column<long>(type: "bigint", nullable: false),
                    kind = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    stored_path = table.Column<string>(type: "text", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_artifacts", x => x.sha256);
                });

            migrationBuilder.CreateTable(
                name: "lab_hosts",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    queue_name = table.Column<string>(type: "text", nullable: false),
                    version = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_lab_hosts", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "models",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    architecture = table.Column<string>(type: "text", nullable: true),
                    parameter_count = table.Column<long>(type: "bigint", nullable: true),
                    description = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_models", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "suites",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    name = table.Column<string>(type: "text", nullable: false),
                    variant_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    device_selector = table.Column<string>(type: "jsonb", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    cron = table.Column<string>(type: "text", nullable: true),
                    enabled = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    updated_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_suites", x => x.id);
                });

            migrationBuilder.CreateTable(
                name: "agent_builds",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    version = table.Column<string>(type: "text", nullable: false),
                    abi = table.Column<string>(type: "text", nullable: false),
                    artifact_sha256 = table.Column<string>(type: "character(64)", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_agent_builds", x => x.id);
                    table.ForeignKey(
                        name: "fk_agent_builds_artifacts_artifact_sha256",
                        column: x => x.artifact_sha256,
                        principalTable: "artifacts",
                        principalColumn: "sha256",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "devices",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    lab_host_id = table.Column<long>(type: "bigint", nullable: false),
                    serial = table.Column<string>(type: "text", nullable: false),
                    transport = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    manufacturer = table.Column<string>(type: "text", nullable: true),
                    model = table.Column<string>(type: "text", nullable: true),
                    soc = table.Column<string>(type: "text", nullable: true),
                    abi = table.Column<string>(type: "text", nullable: true),
                    os_version = table.Column<string>(type: "text", nullable: true),
                    os_build = table.Column<string>(type: "text", nullable: true),
                    cpu_cores = table.Column<int>(type: "integer", nullable: true),
                    ram_bytes = table.Column<long>(type: "bigint", nullable: true),
                    properties = table.Column<string>(type: "jsonb", nullable: false),
                    tags = table.Column<List<string>>(type: "text[]", nullable: false),
                    state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    is_virtual = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    last_seen_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    battery_level_percent = table.Column<double>(type: "double precision", nullable: true),
                    battery_temperature_c = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_devices", x => x.id);
                    table.ForeignKey(
                        name: "fk_devices_lab_hosts_lab_host_id",
                        column: x => x.lab_host_id,
                        principalTable: "lab_hosts",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "variants",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    model_id = table.Column<long>(type: "bigint", nullable: false),
                    quant_type = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    parent_variant_id = table.Column<long>(type: "bigint", nullable: true),
                    sha256 = table.Column<string>(type: "character(64)", nullable: true),
                    size_bytes = table.Column<long>(type: "bigint", nullable: true),
                    build_status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    build_error = table.Column<string>(type: "text", nullable: true),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_variants", x => x.id);
                    table.ForeignKey(
                        name: "fk_variants_artifacts_sha256",
                        column: x => x.sha256,
                        principalTable: "artifacts",
                        principalColumn: "sha256",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_variants_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_variants_variants_parent_variant_id",
                        column: x => x.parent_variant_id,
                        principalTable: "variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "runs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    suite_id = table.Column<long>(type: "bigint", nullable: true),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    trigger = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    requested_by = table.Column<string>(type: "text", nullable: true),
                    variant_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    device_selector = table.Column<string>(type: "jsonb", nullable: false),
                    parameters = table.Column<string>(type: "jsonb", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_runs", x => x.id);
                    table.ForeignKey(
                        name: "fk_runs_suites_suite_id",
                        column: x => x.suite_id,
                        principalTable: "suites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.SetNull);
                });

            migrationBuilder.CreateTable(
                name: "regressions",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    suite_id = table.Column<long>(type: "bigint", nullable: false),
                    device_model = table.Column<string>(type: "text", nullable: false),
                    model_id = table.Column<long>(type: "bigint", nullable: false),
                    variant_id = table.Column<long>(type: "bigint", nullable: false),
                    metric = table.Column<string>(type: "text", nullable: false),
                    first_bad_run_id = table.Column<long>(type: "bigint", nullable: false),
                    first_bad_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    magnitude = table.Column<double>(type: "double precision", nullable: false),
                    magnitude_ci_low = table.Column<double>(type: "double precision", nullable: true),
                    magnitude_ci_high = table.Column<double>(type: "double precision", nullable: true),
                    p_value = table.Column<double>(type: "double precision", nullable: true),
                    direction = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    triage_state = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    triage_notes = table.Column<string>(type: "text", nullable: true),
                    affected_device_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    opened_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    closed_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_regressions", x => x.id);
                    table.ForeignKey(
                        name: "fk_regressions_models_model_id",
                        column: x => x.model_id,
                        principalTable: "models",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_regressions_runs_first_bad_run_id",
                        column: x => x.first_bad_run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_regressions_suites_suite_id",
                        column: x => x.suite_id,
                        principalTable: "suites",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_regressions_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "run_jobs",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_id = table.Column<long>(type: "bigint", nullable: false),
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    variant_ids = table.Column<List<long>>(type: "bigint[]", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    status = table.Column<string>(type: "character varying(32)", maxLength: 32, nullable: false),
                    error_code = table.Column<string>(type: "text", nullable: true),
                    error_message = table.Column<string>(type: "text", nullable: true),
                    hangfire_job_id = table.Column<string>(type: "text", nullable: true),
                    lease_fencing_token = table.Column<long>(type: "bigint", nullable: true),
                    is_partial = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    started_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true),
                    finished_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_run_jobs", x => x.id);
                    table.ForeignKey(
                        name: "fk_run_jobs_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_run_jobs_runs_run_id",
                        column: x => x.run_id,
                        principalTable: "runs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "device_leases",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    fencing_token = table.Column<long>(type: "bigint", nullable: false),
                    run_job_id = table.Column<long>(type: "bigint", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    acquired_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    heartbeat_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    expires_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    released_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_device_leases", x => x.id);
                    table.ForeignKey(
                        name: "fk_device_leases_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_device_leases_run_jobs_run_job_id",
                        column: x => x.run_job_id,
                        principalTable: "run_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "results",
                columns: table => new
                {
                    id = table.Column<long>(type: "bigint", nullable: false)
                        .Annotation("Npgsql:ValueGenerationStrategy", NpgsqlValueGenerationStrategy.IdentityByDefaultColumn),
                    run_job_id = table.Column<long>(type: "bigint", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    variant_id = table.Column<long>(type: "bigint", nullable: false),
                    device_id = table.Column<long>(type: "bigint", nullable: false),
                    peak_memory_bytes = table.Column<long>(type: "bigint", nullable: true),
                    energy_j = table.Column<double>(type: "double precision", nullable: true),
                    energy_mj_per_token = table.Column<double>(type: "double precision", nullable: true),
                    energy_method = table.Column<string>(type: "text", nullable: true),
                    energy_valid = table.Column<bool>(type: "boolean", nullable: false),
                    perplexity = table.Column<double>(type: "double precision", nullable: true),
                    kl_divergence = table.Column<double>(type: "double precision", nullable: true),
                    top1_agreement = table.Column<double>(type: "double precision", nullable: true),
                    thermal_max_c = table.Column<double>(type: "double precision", nullable: true),
                    throttled_share = table.Column<double>(type: "double precision", nullable: true),
                    admission_wait_ms = table.Column<double>(type: "double precision", nullable: true),
                    admission_forced_count = table.Column<int>(type: "integer", nullable: false),
                    context = table.Column<JsonElement>(type: "jsonb", nullable: true),
                    is_simulated = table.Column<bool>(type: "boolean", nullable: false),
                    is_virtual = table.Column<bool>(type: "boolean", nullable: false),
                    created_at = table.Column<DateTimeOffset>(type: "timestamp with time zone", nullable: false),
                    decode_ms_per_token_count = table.Column<int>(type: "integer", nullable: true),
                    decode_ms_per_token_max = table.Column<double>(type: "double precision", nullable: true),
                    decode_ms_per_token_mean = table.Column<double>(type: "double precision", nullable: true),
                    decode_ms_per_token_min = table.Column<double>(type: "double precision", nullable: true),
                    decode_ms_per_token_p10 = table.Column<double>(type: "double precision", nullable: true),
                    decode_ms_per_token_p50 = table.Column<double>(type: "double precision", nullable: true),
                    decode_ms_per_token_p90 = table.Column<double>(type: "double precision", nullable: true),
                    decode_ms_per_token_std_dev = table.Column<double>(type: "double precision", nullable: true),
                    decode_tokens_per_second_count = table.Column<int>(type: "integer", nullable: true),
                    decode_tokens_per_second_max = table.Column<double>(type: "double precision", nullable: true),
                    decode_tokens_per_second_mean = table.Column<double>(type: "double precision", nullable: true),
                    decode_tokens_per_second_min = table.Column<double>(type: "double precision", nullable: true),
                    decode_tokens_per_second_p10 = table.Column<double>(type: "double precision", nullable: true),
                    decode_tokens_per_second_p50 = table.Column<double>(type: "double precision", nullable: true),
                    decode_tokens_per_second_p90 = table.Column<double>(type: "double precision", nullable: true),
                    decode_tokens_per_second_std_dev = table.Column<double>(type: "double precision", nullable: true),
                    prefill_tokens_per_second_count = table.Column<int>(type: "integer", nullable: true),
                    prefill_tokens_per_second_max = table.Column<double>(type: "double precision", nullable: true),
                    prefill_tokens_per_second_mean = table.Column<double>(type: "double precision", nullable: true),
                    prefill_tokens_per_second_min = table.Column<double>(type: "double precision", nullable: true),
                    prefill_tokens_per_second_p10 = table.Column<double>(type: "double precision", nullable: true),
                    prefill_tokens_per_second_p50 = table.Column<double>(type: "double precision", nullable: true),
                    prefill_tokens_per_second_p90 = table.Column<double>(type: "double precision", nullable: true),
                    prefill_tokens_per_second_std_dev = table.Column<double>(type: "double precision", nullable: true),
                    time_to_first_token_ms_count = table.Column<int>(type: "integer", nullable: true),
                    time_to_first_token_ms_max = table.Column<double>(type: "double precision", nullable: true),
                    time_to_first_token_ms_mean = table.Column<double>(type: "double precision", nullable: true),
                    time_to_first_token_ms_min = table.Column<double>(type: "double precision", nullable: true),
                    time_to_first_token_ms_p10 = table.Column<double>(type: "double precision", nullable: true),
                    time_to_first_token_ms_p50 = table.Column<double>(type: "double precision", nullable: true),
                    time_to_first_token_ms_p90 = table.Column<double>(type: "double precision", nullable: true),
                    time_to_first_token_ms_std_dev = table.Column<double>(type: "double precision", nullable: true)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_results", x => x.id);
                    table.ForeignKey(
                        name: "fk_results_devices_device_id",
                        column: x => x.device_id,
                        principalTable: "devices",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                    table.ForeignKey(
                        name: "fk_results_run_jobs_run_job_id",
                        column: x => x.run_job_id,
                        principalTable: "run_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                    table.ForeignKey(
                        name: "fk_results_variants_variant_id",
                        column: x => x.variant_id,
                        principalTable: "variants",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Restrict);
                });

            migrationBuilder.CreateTable(
                name: "telemetry_samples",
                columns: table => new
                {
                    run_job_id = table.Column<long>(type: "bigint", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    offset_ms = table.Column<int>(type: "integer", nullable: false),
                    metric = table.Column<string>(type: "text", nullable: false),
                    value = table.Column<double>(type: "double precision", nullable: false),
                    source = table.Column<string>(type: "text", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_telemetry_samples", x => new { x.run_job_id, x.attempt, x.offset_ms, x.metric });
                    table.ForeignKey(
                        name: "fk_telemetry_samples_run_jobs_run_job_id",
                        column: x => x.run_job_id,
                        principalTable: "run_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateTable(
                name: "token_timings",
                columns: table => new
                {
                    run_job_id = table.Column<long>(type: "bigint", nullable: false),
                    attempt = table.Column<int>(type: "integer", nullable: false),
                    variant_id = table.Column<long>(type: "bigint", nullable: false),
                    repetition = table.Column<int>(type: "integer", nullable: false),
                    token_index = table.Column<int>(type: "integer", nullable: false),
                    ms = table.Column<double>(type: "double precision", nullable: false)
                },
                constraints: table =>
                {
                    table.PrimaryKey("pk_token_timings", x => new { x.run_job_id, x.attempt, x.variant_id, x.repetition, x.token_index });
                    table.ForeignKey(
                        name: "fk_token_timings_run_jobs_run_job_id",
                        column: x => x.run_job_id,
                        principalTable: "run_jobs",
                        principalColumn: "id",
                        onDelete: ReferentialAction.Cascade);
                });

            migrationBuilder.CreateIndex(
                name: "ix_agent_builds_artifact_sha256",
                table: "agent_builds",
                column: "artifact_sha256");

            migrationBuilder.CreateIndex(
                name: "ix_agent_builds_version_abi",
                table: "agent_builds",
                columns: new[] { "version", "abi" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_name",
                table: "api_keys",
                column: "name");

            migrationBuilder.CreateIndex(
                name: "ix_api_keys_prefix",
                table: "api_keys",
                column: "prefix",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_device_leases_device_id_fencing_token",
                table: "device_leases",
                columns: new[] { "device_id", "fencing_token" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_device_leases_one_active_per_device",
                table: "device_leases",
                column: "device_id",
                unique: true,
                filter: "released_at IS NULL");

            migrationBuilder.CreateIndex(
                name: "ix_device_leases_run_job_id",
                table: "device_leases",
                column: "run_job_id");

            migrationBuilder.CreateIndex(
                name: "ix_devices_lab_host_id_serial",
                table: "devices",
                columns: new[] { "lab_host_id", "serial" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_devices_model",
                table: "devices",
                column: "model");

            migrationBuilder.CreateIndex(
                name: "ix_devices_tags",
                table: "devices",
                column: "tags")
                .Annotation("Npgsql:IndexMethod", "gin");

            migrationBuilder.CreateIndex(
                name: "ix_lab_hosts_name",
                table: "lab_hosts",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_models_name",
                table: "models",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_regressions_first_bad_run_id",
                table: "regressions",
                column: "first_bad_run_id");

            migrationBuilder.CreateIndex(
                name: "ix_regressions_model_id",
                table: "regressions",
                column: "model_id");

            migrationBuilder.CreateIndex(
                name: "ix_regressions_status_triage_state",
                table: "regressions",
                columns: new[] { "status", "triage_state" });

            migrationBuilder.CreateIndex(
                name: "ix_regressions_suite_id_device_model_model_id_variant_id_metric",
                table: "regressions",
                columns: new[] { "suite_id", "device_model", "model_id", "variant_id", "metric" });

            migrationBuilder.CreateIndex(
                name: "ix_regressions_variant_id",
                table: "regressions",
                column: "variant_id");

            migrationBuilder.CreateIndex(
                name: "ix_results_device_id",
                table: "results",
                column: "device_id");

            migrationBuilder.CreateIndex(
                name: "ix_results_run_job_id_attempt_variant_id",
                table: "results",
                columns: new[] { "run_job_id", "attempt", "variant_id" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_results_variant_id_device_id",
                table: "results",
                columns: new[] { "variant_id", "device_id" });

            migrationBuilder.CreateIndex(
                name: "ix_run_jobs_device_id_status",
                table: "run_jobs",
                columns: new[] { "device_id", "status" });

            migrationBuilder.CreateIndex(
                name: "ix_run_jobs_run_id",
                table: "run_jobs",
                column: "run_id");

            migrationBuilder.CreateIndex(
                name: "ix_runs_status",
                table: "runs",
                column: "status");

            migrationBuilder.CreateIndex(
                name: "ix_runs_suite_id_created_at",
                table: "runs",
                columns: new[] { "suite_id", "created_at" });

            migrationBuilder.CreateIndex(
                name: "ix_suites_name",
                table: "suites",
                column: "name",
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_variants_model_id_quant_type",
                table: "variants",
                columns: new[] { "model_id", "quant_type" },
                unique: true);

            migrationBuilder.CreateIndex(
                name: "ix_variants_parent_variant_id",
                table: "variants",
                column: "parent_variant_id");

            migrationBuilder.CreateIndex(
                name: "ix_variants_sha256",
                table: "variants",
                column: "sha256");
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropTable(
                name: "agent_builds");

            migrationBuilder.DropTable(
                name: "api_keys");

            migrationBuilder.DropTable(
                name: "device_leases");

            migrationBuilder.DropTable(
                name: "regressions");

            migrationBuilder.DropTable(
                name: "results");

            migrationBuilder.DropTable(
                name: "telemetry_samples");

            migrationBuilder.DropTable(
                name: "token_timings");

            migrationBuilder.DropTable(
                name: "variants");

            migrationBuilder.DropTable(
                name: "run_jobs");

            migrationBuilder.DropTable(
                name: "artifacts");

            migrationBuilder.DropTable(
                name: "models");

            migrationBuilder.DropTable(
                name: "devices");

            migrationBuilder.DropTable(
                name: "runs");

            migrationBuilder.DropTable(
                name: "lab_hosts");

            migrationBuilder.DropTable(
                name: "suites");
        }
    }
}
