using Microsoft.EntityFrameworkCore;
using Microsoft.EntityFrameworkCore.Metadata.Builders;

namespace DeviceLab.Server.Data;

/// <summary>Column shapes every feature's table mapping shares.</summary>
internal static class ModelBuilderExtensions
{
    /// <summary>Maps the property to a jsonb column through <see cref="JsonColumnConverter{T}"/>.</summary>
    public static PropertyBuilder<T> IsJson<T>(this PropertyBuilder<T> property) => property
        .HasConversion(new JsonColumnConverter<T>(), JsonColumnConverter<T>.Comparer)
        .HasColumnType("jsonb");
}
