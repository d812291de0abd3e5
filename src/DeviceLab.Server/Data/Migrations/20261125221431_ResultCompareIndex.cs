using Microsoft.EntityFrameworkCore.Migrations;

#nullable disable

namespace DeviceLab.Server.Data.Migrations
{
    /// <inheritdoc />
    public partial class ResultCompareIndex : Migration
    {
        /// <inheritdoc />
        protected override void Up(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.CreateIndex(
                name: "ix_results_variant_id_created_at",
                table: "results",
                columns: new[] { "variant_id", "created_at" });
        }

        /// <inheritdoc />
        protected override void Down(MigrationBuilder migrationBuilder)
        {
            migrationBuilder.DropIndex(
                name: "ix_results_variant_id_created_at",
                table: "results");
        }
    }
}
