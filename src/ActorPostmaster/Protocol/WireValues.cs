using System.Text;

namespace ActorPostmaster.Protocol;

/// <summary>
/// Format codes and values of the extended query protocol: which format each Bind parameter and each result column
/// uses, turning parameter bytes into values (exec_bind_message) and values into DataRow bytes (printtup), with
/// PostgreSQL 15's errors.
/// </summary>
public static class WireValues
{
    /// <summary>Format code 0: text.</summary>
    public const short TextFormat = 0;

    /// <summary>Format code 1: binary.</summary>
    public const short BinaryFormat = 1;

    /// <summary>
    /// exec_bind_message: the format of parameter <paramref name="index"/>: none given means text, one applies to all,
    /// otherwise one per parameter.
    /// </summary>
    /// <param name="formats">The Bind's parameter format codes.</param>
    /// <param name="index">The 0-based parameter index.</param>
    /// <returns>The format code (possibly an unsupported one; <see cref="DecodeParameter"/> checks).</returns>
    public static short ParameterFormat(IReadOnlyList<short> formats, int index)
    {
        ArgumentNullException.ThrowIfNull(formats);
        return formats.Count switch
        {
            0 => TextFormat,
            1 => formats[0],
            _ => formats[index],
        };
    }

    /// <summary>
    /// exec_bind_message's first count check: more than one format code must mean one per parameter ("bind message has
    /// %d parameter formats but %d parameters", 08P01). Null when the counts agree.
    /// </summary>
    /// <param name="formatCount">The number of parameter format codes.</param>
    /// <param name="parameterCount">The number of parameter values.</param>
    /// <returns>The ERROR, or null.</returns>
    public static PgError? CheckParameterFormatCount(int formatCount, int parameterCount) =>
        formatCount > 1 && formatCount != parameterCount ? ProtocolErrors.BindParameterFormatCount(formatCount, parameterCount) : null;

    /// <summary>
    /// PortalSetResultFormat: one format per result column from the Bind's result format codes (none: all text; one: for
    /// all; otherwise exactly one per column, or ERROR 08P01 "bind message has %d result formats but query has %d
    /// columns"). Unsupported codes are caught when a row is sent (<see cref="EncodeColumn"/>).
    /// </summary>
    /// <param name="formats">The Bind's result format codes.</param>
    /// <param name="columnCount">The number of result columns.</param>
    /// <returns>The format of each column.</returns>
    /// <exception cref="PgException">The count does not fit.</exception>
    public static short[] ColumnFormats(IReadOnlyList<short> formats, int columnCount)
    {
        ArgumentNullException.ThrowIfNull(formats);
        if (formats.Count > 1)
        {
            return formats.Count == columnCount ? [.. formats] : throw new PgException(ProtocolErrors.BindResultFormatCount(formats.Count, columnCount));
        }

        var format = formats.Count == 1 ? formats[0] : TextFormat;
        return Enumerable.Repeat(format, columnCount).ToArray();
    }

    /// <summary>
    /// exec_bind_message for one parameter: NULL stays null (after the format code is checked); text is verified as
    /// UTF8 (22021) and given to the type's input function; binary goes to the type's receive function, which must
    /// consume it all (22P03); any other format code is ERROR 22023 "unsupported format code: %d".
    /// </summary>
    /// <param name="value">The parameter's bytes, or null for NULL.</param>
    /// <param name="format">Its format code.</param>
    /// <param name="typeOid">The parameter's type (0 or 705: unknown, which takes text as it is).</param>
    /// <param name="parameterNumber">The 1-based parameter number.</param>
    /// <param name="timeZone">The session's TimeZone.</param>
    /// <returns>The value (null for NULL).</returns>
    /// <exception cref="PgException">PostgreSQL's ERROR for the value.</exception>
    public static object? DecodeParameter(byte[]? value, short format, int typeOid, int parameterNumber, TimeZoneInfo? timeZone = null)
    {
        switch (format)
        {
            case TextFormat:
                if (value is null)
                {
                    return null;
                }

                PgUtf8.Verify(value);
                return PgWireText.Parse(Encoding.UTF8.GetString(value), typeOid, timeZone);
            case BinaryFormat:
                return value is null ? null : PgBinary.Decode(value, typeOid == 0 ? PgTypeOids.Unknown : typeOid, parameterNumber);
            default:
                throw new PgException(ProtocolErrors.UnsupportedFormatCode(format));
        }
    }

    /// <summary>
    /// printtup for one column: null for NULL; the output function's text in UTF8 for format 0; the send function's bytes
    /// for format 1; ERROR 22023 "unsupported format code: %d" otherwise.
    /// </summary>
    /// <param name="value">The value.</param>
    /// <param name="typeOid">The column's type.</param>
    /// <param name="format">The column's format.</param>
    /// <param name="timeZone">The session's TimeZone.</param>
    /// <returns>The bytes for an <see cref="EncodedDataRow"/>.</returns>
    /// <exception cref="PgException">An unsupported format code.</exception>
    public static byte[]? EncodeColumn(object? value, int typeOid, short format, TimeZoneInfo? timeZone = null) => format switch
    {
        _ when format is not (TextFormat or BinaryFormat) => throw new PgException(ProtocolErrors.UnsupportedFormatCode(format)),
        _ when value is null => null,
        TextFormat => Encoding.UTF8.GetBytes(PgWireText.Format(value, typeOid, timeZone) ?? string.Empty),
        _ => PgBinary.Encode(value, typeOid),
    };
}
