namespace LongLivedTransactions.Jsonata.Functions.Formatting;

/// <summary>
/// The value of each date/time component of a UTC date, with ISO 8601 week numbering extended to months as
/// jsonata-js does (X and x are the week-numbering year and month).
/// </summary>
internal static class DateTimeComponents
{
    public static readonly string[] DayNames = ["", "Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"];

    public static readonly string[] MonthNames =
    [
        "January", "February", "March", "April", "May", "June", "July", "August", "September", "October", "November", "December",
    ];

    /// <summary>A number, "am"/"pm" for P, "ISO" for C and E, or null (Z, z and unknown components).</summary>
    public static object? Get(UtcDate date, string component)
    {
        switch (component)
        {
            case "Y":
                return date.Year;
            case "M":
                return date.Month + 1;
            case "D":
                return date.Date;
            case "d":
                var today = UtcCalendar.Utc(date.Year, date.Month, date.Date);
                var firstJanuary = UtcCalendar.Utc(date.Year, 0);
                return ((today - firstJanuary) / UtcDate.MillisPerDay) + 1;
            case "F":
                var weekDay = date.WeekDay;
                return weekDay == 0 ? 7 : weekDay;
            case "W":
                return WeekInYear(date);
            case "w":
                return WeekInMonth(date);
            case "X":
                return WeekNumberingYear(date);
            case "x":
                return WeekNumberingMonth(date);
            case "H":
                return date.Hours;
            case "h":
                var hour = date.Hours % 12;
                return hour == 0 ? 12 : hour;
            case "P":
                return date.Hours >= 12 ? "pm" : "am";
            case "m":
                return date.Minutes;
            case "s":
                return date.Seconds;
            case "f":
                return date.Milliseconds;
            case "C":
            case "E":
                return "ISO";
            default:
                return null;
        }
    }

    /// <summary>The start of week 1 of a year or month: the Monday of the week holding its first Thursday.</summary>
    private static double StartOfFirstWeek(double year, double month)
    {
        var first = UtcCalendar.Utc(year, month);
        var weekDay = UtcDate.FromTime(first).WeekDay;
        if (weekDay == 0)
        {
            weekDay = 7;
        }

        return weekDay > 4 ? first + ((8 - weekDay) * UtcDate.MillisPerDay) : first - ((weekDay - 1) * UtcDate.MillisPerDay);
    }

    private static double DeltaWeeks(double start, double end) => ((end - start) / (UtcDate.MillisPerDay * 7)) + 1;

    private static (double Year, double Month) NextMonth(double year, double month) => month == 11 ? (year + 1, 0) : (year, month + 1);

    private static (double Year, double Month) PreviousMonth(double year, double month) => month == 0 ? (year - 1, 11) : (year, month - 1);

    private static double WeekInYear(UtcDate date)
    {
        var year = date.Year;
        var start = StartOfFirstWeek(year, 0);
        var today = UtcCalendar.Utc(year, date.Month, date.Date);
        var week = DeltaWeeks(start, today);
        if (week > 52)
        {
            if (today >= StartOfFirstWeek(year + 1, 0))
            {
                week = 1;
            }
        }
        else if (week < 1)
        {
            week = DeltaWeeks(StartOfFirstWeek(year - 1, 0), today);
        }

        return Math.Floor(week);
    }

    private static double WeekInMonth(UtcDate date)
    {
        var (year, month) = (date.Year, date.Month);
        var start = StartOfFirstWeek(year, month);
        var today = UtcCalendar.Utc(year, month, date.Date);
        var week = DeltaWeeks(start, today);
        if (week > 4)
        {
            var next = NextMonth(year, month);
            if (today >= StartOfFirstWeek(next.Year, next.Month))
            {
                week = 1;
            }
        }
        else if (week < 1)
        {
            var previous = PreviousMonth(year, month);
            week = DeltaWeeks(StartOfFirstWeek(previous.Year, previous.Month), today);
        }

        return Math.Floor(week);
    }

    private static double WeekNumberingYear(UtcDate date)
    {
        var year = date.Year;
        if (date.Time < StartOfFirstWeek(year, 0))
        {
            return year - 1;
        }

        return date.Time >= StartOfFirstWeek(year + 1, 0) ? year + 1 : year;
    }

    private static double WeekNumberingMonth(UtcDate date)
    {
        var (year, month) = (date.Year, date.Month);
        var next = NextMonth(year, month);
        if (date.Time < StartOfFirstWeek(year, month))
        {
            return PreviousMonth(year, month).Month + 1;
        }

        return date.Time >= StartOfFirstWeek(next.Year, next.Month) ? next.Month + 1 : month + 1;
    }
}
