namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// JavaScript's Date in UTC: time values are milliseconds since the epoch (as doubles), out of range is NaN, and
/// every field of an invalid date is NaN.
/// </summary>
internal readonly record struct UtcDate(double Time)
{
    public const double MillisPerDay = 86_400_000;

    /// <summary>new Date(time): the time value truncated to an integer, or NaN beyond ±8.64e15 ms.</summary>
    public static UtcDate FromTime(double time) => new(UtcCalendar.TimeClip(time));

    public bool IsValid => !double.IsNaN(Time);

    public double Year => IsValid ? UtcCalendar.CivilFromDays(Day).Year : double.NaN;

    /// <summary>The month, 0-11.</summary>
    public double Month => IsValid ? UtcCalendar.CivilFromDays(Day).Month - 1 : double.NaN;

    public double Date => IsValid ? UtcCalendar.CivilFromDays(Day).Day : double.NaN;

    /// <summary>The day of the week, 0 = Sunday.</summary>
    public double WeekDay => IsValid ? (((long)Day % 7) + 11) % 7 : double.NaN;

    public double Hours => IsValid ? Math.Floor(TimeInDay / 3_600_000) : double.NaN;

    public double Minutes => IsValid ? Math.Floor(TimeInDay / 60_000) % 60 : double.NaN;

    public double Seconds => IsValid ? Math.Floor(TimeInDay / 1000) % 60 : double.NaN;

    public double Milliseconds => IsValid ? TimeInDay % 1000 : double.NaN;

    private double Day => Math.Floor(Time / MillisPerDay);

    private double TimeInDay => Time - (Day * MillisPerDay);
}

/// <summary>The date arithmetic of JavaScript's Date.UTC and Date fields.</summary>
internal static class UtcCalendar
{
    private const double MaximumTime = 8.64e15;

    /// <summary>TimeClip: NaN beyond ±8.64e15, otherwise truncated towards zero.</summary>
    public static double TimeClip(double time)
    {
        if (double.IsNaN(time) || double.IsInfinity(time) || Math.Abs(time) > MaximumTime)
        {
            return double.NaN;
        }

        return Math.Truncate(time) + 0.0;
    }

    /// <summary>
    /// Date.UTC(year, month, day, hours, minutes, seconds, ms): fields overflow into the next larger one, a year
    /// from 0 to 99 means 1900-1999, and any NaN makes the result NaN.
    /// </summary>
    public static double Utc(double year, double month = 0, double day = 1, double hours = 0, double minutes = 0, double seconds = 0, double milliseconds = 0)
    {
        double[] fields = [year, month, day, hours, minutes, seconds, milliseconds];
        if (Array.Exists(fields, field => double.IsNaN(field) || double.IsInfinity(field)))
        {
            return double.NaN;
        }

        var y = Math.Truncate(year);
        if (y is >= 0 and <= 99)
        {
            y += 1900;
        }

        var m = Math.Truncate(month);
        var wholeYear = y + Math.Floor(m / 12);
        var monthInYear = ((m % 12) + 12) % 12;
        if (Math.Abs(wholeYear) > 400_000)
        {
            return double.NaN;
        }

        var days = DaysFromCivil((long)wholeYear, (int)monthInYear + 1, 1) + Math.Truncate(day) - 1;
        var time = (Math.Truncate(hours) * 3_600_000) + (Math.Truncate(minutes) * 60_000) + (Math.Truncate(seconds) * 1000) + Math.Truncate(milliseconds);
        return TimeClip((days * UtcDate.MillisPerDay) + time);
    }

    /// <summary>Days since 1970-01-01 of a proleptic Gregorian date (month 1-12).</summary>
    public static long DaysFromCivil(long year, int month, int day)
    {
        year -= month <= 2 ? 1 : 0;
        var era = (year >= 0 ? year : year - 399) / 400;
        var yearOfEra = year - (era * 400);
        var dayOfYear = ((153 * (month > 2 ? month - 3 : month + 9)) + 2) / 5 + day - 1;
        var dayOfEra = (yearOfEra * 365) + (yearOfEra / 4) - (yearOfEra / 100) + dayOfYear;
        return (era * 146097) + dayOfEra - 719468;
    }

    /// <summary>The proleptic Gregorian date (month 1-12) of a day number.</summary>
    public static (long Year, int Month, int Day) CivilFromDays(double dayNumber)
    {
        var days = (long)dayNumber + 719468;
        var era = (days >= 0 ? days : days - 146096) / 146097;
        var dayOfEra = days - (era * 146097);
        var yearOfEra = (dayOfEra - (dayOfEra / 1460) + (dayOfEra / 36524) - (dayOfEra / 146096)) / 365;
        var dayOfYear = dayOfEra - ((365 * yearOfEra) + (yearOfEra / 4) - (yearOfEra / 100));
        var monthIndex = ((5 * dayOfYear) + 2) / 153;
        var day = (int)(dayOfYear - (((153 * monthIndex) + 2) / 5) + 1);
        var month = (int)(monthIndex < 10 ? monthIndex + 3 : monthIndex - 9);
        return (yearOfEra + (era * 400) + (month <= 2 ? 1 : 0), month, day);
    }
}
