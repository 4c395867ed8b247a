"""Texts of the lender's books (issue #18): classification and allowance settings, month-end
close, the reports. Key → (English, 简体中文)."""

BOOKS_TEXTS: dict[str, tuple[str, str]] = {
    # --- settings (app.services.store.product_settings) ---
    "settings.name.classification_dpd": (
        "Classification: highest DPD of pass, special mention, substandard, doubtful",
        "五级分类：正常、关注、次级、可疑的最高逾期天数"),
    "settings.help.classification_dpd": (
        "Four whole numbers, strictly rising, separated by commas (default 0, 90, 180, 360); "
        "a loan past the last is loss.",
        "四个严格递增的整数，用逗号分隔（默认 0, 90, 180, 360）；超过最后一个为损失类。"),
    "settings.refused.classification_dpd": (
        "Classification thresholds: give four whole numbers from 0, strictly rising; “{value}” is not.",
        "五级分类门槛：须填写四个从 0 起严格递增的整数，“{value}”不符合。"),
    "settings.name.allowance_rates": (
        "Allowance rates (%): pass, special mention, substandard, doubtful, loss",
        "贷款损失准备计提比例（%）：正常、关注、次级、可疑、损失"),
    "settings.help.allowance_rates": (
        "Five percentages from 0 to 100, never falling, separated by commas (default 1, 2, 25, 50, 100).",
        "五个 0 至 100 之间、不递减的百分比，用逗号分隔（默认 1, 2, 25, 50, 100）。"),
    "settings.refused.allowance_rates": (
        "Allowance rates: give five percentages from 0 to 100, never falling; “{value}” is not.",
        "计提比例：须填写五个 0 至 100 之间、不递减的百分比，“{value}”不符合。"),

    # --- month-end close (app.services.books.close) ---
    "close.month_invalid": (
        "“{month}” is not a month; give it as 2026-03.",
        "“{month}”不是有效月份，格式如 2026-03。"),
    "close.already_closed": (
        "{month} is closed already; a month is closed once.",
        "{month} 已结账，每月只结账一次。"),
    "close.not_reached": (
        "{month} cannot be closed yet: end of day has not run for its last day, {last}.",
        "{month} 尚不能结账：其最后一天 {last} 的日终尚未运行。"),
    "close.earlier_open": (
        "Close {earlier} first: months are closed in order.",
        "请先结账 {earlier}：须按月份顺序结账。"),
    "close.posting_refused": (
        "Nothing can be posted on {date}: the books are closed through {closed_through}. "
        "Post the correction in the open period, referring to the original.",
        "无法在 {date} 记账：账簿已结账至 {closed_through}。请在未结账期间记账更正，并注明原始记录。"),
    # --- reports (app.services.back_office.reports) ---
    "report.needs_on": (
        "The {name} report is of one date: give it (--on).",
        "报表 {name} 针对某一日期，请给出日期（--on）。"),
    "report.needs_period": (
        "The {name} report is of a period: give its first and last day (--from, --to), "
        "the first not after the last.",
        "报表 {name} 针对一段期间，请给出起止日期（--from、--to），且起始日不晚于结束日。"),
    "report.needs_account": (
        "The general ledger is of one account: give it (--account).",
        "总账针对一个科目，请给出科目（--account）。"),
    "report.unknown": (
        "There is no report “{name}”; the reports are {names}.",
        "没有报表“{name}”；可用报表为 {names}。"),
    "audit.action.write_off_recovery": ("Recovered after write-off", "核销后收回"),
    "audit.action.month_closed": ("Month closed", "月末结账"),
    "recovery_income.refused.not_written_off": (
        "Loan #{loan_id} was not written off; money it receives is a repayment.",
        "贷款 #{loan_id} 未核销，收到的款项应作为还款处理。"),
    "recovery_income.refused.too_much": (
        "{amount} is more than what is left to recover on loan #{loan_id} ({left}).",
        "{amount} 超过贷款 #{loan_id} 尚可收回的金额（{left}）。"),
}
