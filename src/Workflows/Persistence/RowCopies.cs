using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;
using Microsoft.EntityFrameworkCore.ChangeTracking;
using Microsoft.EntityFrameworkCore.Metadata;
using Microsoft.EntityFrameworkCore.Storage.ValueConversion;

namespace Mediation.Workflows.Persistence;

/// <summary>Copies of entity rows for <see cref="HotRows"/>.</summary>
internal static class RowCopies
{
    /// <summary>
    /// The entry's current values as a read from the database would give them back: each value with a converter goes
    /// through it and back (on SQLite a time comes back in UTC), so a kept row cannot differ from a read one.
    /// </summary>
    public static T AsStored<T>(EntityEntry entry) where T : class
    {
        var row = Copy((T)entry.Entity);
        foreach (var converted in Converted.GetOrAdd(entry.Metadata, ConvertedProperties)) converted.RoundTrip(row);
        return row;
    }

    private static readonly ConcurrentDictionary<IEntityType, ConvertedProperty[]> Converted = new();

    private static ConvertedProperty[] ConvertedProperties(IEntityType type)
        => type.GetProperties()
            .Where(p => p.PropertyInfo is not null && p.GetTypeMapping().Converter is not null)
            .Select(p => new ConvertedProperty(p.PropertyInfo!, p.GetTypeMapping().Converter!))
            .ToArray();

    /// <summary>A property whose column holds a converted value: compiled accessors, so a copy costs no reflection.</summary>
    private sealed class ConvertedProperty
    {
        private readonly Func<object, object?> get;
        private readonly Action<object, object?> set;
        private readonly ValueConverter converter;

        public ConvertedProperty(PropertyInfo property, ValueConverter converter)
        {
            this.converter = converter;
            var row = Expression.Parameter(typeof(object));
            var value = Expression.Parameter(typeof(object));
            var typed = Expression.Convert(row, property.DeclaringType!);
            get = Expression.Lambda<Func<object, object?>>(Expression.Convert(Expression.Property(typed, property), typeof(object)), row).Compile();
            set = Expression.Lambda<Action<object, object?>>(
                Expression.Assign(Expression.Property(typed, property), Expression.Convert(value, property.PropertyType)), row, value).Compile();
        }

        public void RoundTrip(object row)
        {
            if (get(row) is { } value) set(row, converter.ConvertFromProvider(converter.ConvertToProvider(value)));
        }
    }

    /// <summary>A shallow copy: the entities hold only values and strings.</summary>
    public static T Copy<T>(T row) where T : class => Copier<T>.Copy(row);

    private static class Copier<T> where T : class
    {
        public static readonly Func<T, T> Copy = Build();

        private static Func<T, T> Build()
        {
            var row = Expression.Parameter(typeof(T));
            var clone = Expression.Call(row, typeof(object).GetMethod("MemberwiseClone", BindingFlags.Instance | BindingFlags.NonPublic)!);
            return Expression.Lambda<Func<T, T>>(Expression.Convert(clone, typeof(T)), row).Compile();
        }
    }
}
