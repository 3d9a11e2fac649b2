namespace ActorPostmaster.Protocol;

/// <summary>The message bodies of normal operation, read as PostgresMain (and exec_bind_message) read them.</summary>
public sealed partial class FrontendDecoder
{
    /// <summary>
    /// Parses the body of a typed message the way PostgresMain does (pq_getmsg* calls in its order, then pq_getmsgend);
    /// a body that does not parse becomes a <see cref="MalformedFrontendMessage"/> carrying PostgreSQL's ERROR.
    /// </summary>
    /// <param name="type">The type byte (one SocketBackend accepts).</param>
    /// <param name="body">The body after the length word.</param>
    /// <returns>The message.</returns>
    public static FrontendMessage ParseMessage(byte type, ReadOnlySpan<byte> body)
    {
        if (type == (byte)'B')
        {
            return ParseBind(body);
        }

        try
        {
            var reader = new PqMessageReader(body);
            switch (type)
            {
                case (byte)'Q':
                {
                    var sql = reader.GetString();
                    reader.End();
                    return new QueryMessage(sql);
                }

                case (byte)'P':
                {
                    var statement = reader.GetString();
                    var sql = reader.GetString();
                    var count = reader.GetUInt16();
                    var types = new int[count];
                    for (var i = 0; i < count; i++)
                    {
                        types[i] = reader.GetInt32();
                    }

                    reader.End();
                    return new ParseMessage(statement, sql, types);
                }

                case (byte)'D':
                {
                    var kind = reader.GetByte();
                    var name = reader.GetString();
                    reader.End();
                    return kind is (byte)'S' or (byte)'P'
                        ? new DescribeMessage((char)kind, name)
                        : new MalformedFrontendMessage(type, ProtocolErrors.InvalidDescribeSubtype(kind));
                }

                case (byte)'C':
                {
                    var kind = reader.GetByte();
                    var name = reader.GetString();
                    reader.End();
                    return kind is (byte)'S' or (byte)'P'
                        ? new CloseMessage((char)kind, name)
                        : new MalformedFrontendMessage(type, ProtocolErrors.InvalidCloseSubtype(kind));
                }

                case (byte)'E':
                {
                    var portal = reader.GetString();
                    var maxRows = reader.GetInt32();
                    reader.End();
                    return new ExecuteMessage(portal, maxRows);
                }

                case (byte)'S':
                    reader.End();
                    return SyncMessage.Instance;
                case (byte)'H':
                    reader.End();
                    return FlushMessage.Instance;
                case (byte)'X':
                    return TerminateMessage.Instance; // proc_exit at once; the body is never looked at
                case (byte)'F':
                    return FunctionCallMessage.Instance; // HandleFunctionRequest (not implemented) would parse it
                case (byte)'d' or (byte)'c' or (byte)'f':
                    return new CopyFrontendMessage(type); // accepted and ignored outside COPY
                default:
                    return new UnknownFrontendMessage(type);
            }
        }
        catch (PgException e)
        {
            return new MalformedFrontendMessage(type, e.Error);
        }
    }

    /// <summary>exec_bind_message's reads, remembering how far they got (it acts on the statement and parameters between them).</summary>
    private static FrontendMessage ParseBind(ReadOnlySpan<byte> body)
    {
        var reader = new PqMessageReader(body);
        string portal;
        string statement;
        try
        {
            portal = reader.GetString();
            statement = reader.GetString();
        }
        catch (PgException e)
        {
            return new MalformedFrontendMessage((byte)'B', e.Error);
        }

        var stage = BindParseStage.ParameterFormats;
        var parameterFormats = new List<short>();
        var parameterCount = 0;
        var parameters = new List<byte[]?>();
        try
        {
            var formatCount = reader.GetUInt16();
            for (var i = 0; i < formatCount; i++)
            {
                parameterFormats.Add(reader.GetInt16());
            }

            parameterCount = reader.GetUInt16();
            stage = BindParseStage.ParameterValues;
            for (var i = 0; i < parameterCount; i++)
            {
                var length = reader.GetInt32();
                parameters.Add(length == -1 ? null : reader.GetBytes(length).ToArray());
            }

            stage = BindParseStage.ResultFormats;
            var resultCount = reader.GetUInt16();
            var resultFormats = new short[resultCount];
            for (var i = 0; i < resultCount; i++)
            {
                resultFormats[i] = reader.GetInt16();
            }

            reader.End();
            return new BindMessage(portal, statement, parameterFormats, parameters, resultFormats);
        }
        catch (PgException e)
        {
            return new MalformedFrontendMessage((byte)'B', e.Error)
            {
                Bind = new MalformedBind(portal, statement, stage, parameterFormats, parameterCount, parameters),
            };
        }
    }
}
