namespace ActorPostmaster.Sql;

/// <summary>The SQLSTATE codes the SQL surface raises.</summary>
internal static class SqlState
{
    public const string FeatureNotSupported = "0A000";
    public const string SyntaxError = "42601";
    public const string UndefinedColumn = "42703";
    public const string UndefinedTable = "42P01";
    public const string UndefinedFunction = "42883";
    public const string UndefinedObject = "42704";
    public const string UndefinedParameter = "42P02";
    public const string AmbiguousFunction = "42725";
    public const string AmbiguousColumn = "42702";
    public const string DatatypeMismatch = "42804";
    public const string CannotCoerce = "42846";
    public const string IndeterminateDatatype = "42P18";
    public const string InvalidColumnReference = "42P10";
    public const string InvalidSchemaName = "3F000";
    public const string NumericValueOutOfRange = "22003";
    public const string DivisionByZero = "22012";
    public const string InvalidTextRepresentation = "22P02";
    public const string InvalidDatetimeFormat = "22007";
    public const string DatetimeFieldOverflow = "22008";
    public const string IntervalFieldOverflow = "22015";
    public const string CharacterNotInRepertoire = "22021";
    public const string InvalidEscapeSequence = "22025";
    public const string StringDataRightTruncation = "22001";
    public const string InvalidArgumentForPowerFunction = "2201F";
    public const string InvalidRowCountInLimitClause = "2201W";
    public const string InvalidRowCountInResultOffsetClause = "2201X";
    public const string InvalidParameterValue = "22023";
    public const string NameTooLong = "42622";
    public const string InvalidFunctionDefinition = "42P13";
    public const string WrongObjectType = "42809";
    public const string GroupingError = "42803";
    public const string DuplicateColumn = "42701";
    public const string ObjectNotInPrerequisiteState = "55000";
    public const string UniqueViolation = "23505";
    public const string NotNullViolation = "23502";
    public const string CardinalityViolation = "21000";
    public const string InternalError = "XX000";
}
