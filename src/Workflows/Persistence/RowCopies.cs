using System.Linq.Expressions;
using System.Runtime.CompilerServices;
using Microsoft.EntityFrameworkCore.ChangeTracking;

namespace Mediation.Workflows.Persistence;

/// <summary>Copies of entity rows for <see cref="HotRows"/>.</summary>
internal static class RowCopies
{
    /// <summary>
    /// The entry's current values as a read from the database would give them back: each value goes through its
    /// column's converter and back (on SQLite a time comes back in UTC), so a kept row cannot differ from a read one.
    /// </summary>
    public static T AsStored<T>(EntityEntry entry) where T : class
    {
        var row = (T)RuntimeHelpers.GetUninitializedObject(typeof(T));
        foreach (var property in entry.Metadata.GetProperties())
        {
            var value = entry.Property(property.Name).CurrentValue;
            if (value is not null && property.GetTypeMapping().Converter is { } converter)
            {
                value = converter.ConvertFromProvider(converter.ConvertToProvider(value));
            }
            property.PropertyInfo!.SetValue(row, value);
        }
        return row;
    }

    /// <summary>A shallow copy: the entities hold only values and strings.</summary>
    public static T Copy<T>(T row) where T : class => Copier<T>.Copy(row);

    private static class Copier<T> where T : class
    {
        public static readonly Func<T, T> Copy = Build();

        private static Func<T, T> Build()
        {
            var row = Expression.Parameter(typeof(T));
            var clone = Expression.Call(row, typeof(object).GetMethod("MemberwiseClone", System.Reflection.BindingFlags.Instance | System.Reflection.BindingFlags.NonPublic)!);
            return Expression.Lambda<Func<T, T>>(Expression.Convert(clone, typeof(T)), row).Compile();
        }
    }
}
