"""Texts of the seller portal's second pass (issue #9): key → (English, 简体中文).

Kept apart from `ui.py` so that the portal's new labels can be edited without
touching the entries other pages share. Parameters come pre-formatted (money as
¥1,234.56, dates ISO). A key ending in `.one` is the English singular of the key
without it (`components.i18n.tn` picks it when the count is 1).
"""

PORTAL_TEXTS: dict[str, tuple[str, str]] = {
    # --- one "due now" figure: home cards, banner, notifications, Repay (issue #9 item 1, 2) ---
    "home.due_now": (
        "Due now",
        "当前应还"),
    "home.due_now_caption": (
        "overdue installments, penalty interest and what falls due today",
        "逾期各期、罚息及今日到期款项"),
    "home.due_now_help": (
        "The same figure as “Due now” on the Repay page: every overdue installment, the penalty interest "
        "on it and whatever falls due today, on all your loans.",
        "与“还款”页面的“当前应还”相同：您所有贷款的全部逾期分期、相应罚息及今日到期款项。"),
    "home.overdue_since": (
        "overdue since {date}, {days} days",
        "自 {date} 起逾期，已 {days} 天"),
    "home.overdue_since.one": (
        "overdue since {date}, 1 day",
        "自 {date} 起逾期，已 1 天"),
    "home.non_performing": (
        "non-performing: more than 90 days past due since {date}",
        "不良贷款：自 {date} 起逾期超过 90 天"),
    "home.due_now_banner": (
        "{amount} is due now: overdue since {date} ({days} days). It covers every overdue installment, "
        "the penalty interest on it and what falls due today. Penalty interest accrues every day; repay "
        "it on the Repay page. No new draws are possible until it is repaid.",
        "当前应还 {amount}：自 {date} 起逾期（{days} 天），包括全部逾期分期、相应罚息及今日到期款项。罚息"
        "按日计收，请尽快在“还款”页面还款；还清前无法借新款。"),
    "home.non_performing_banner": (
        "{amount} is owed now on a non-performing loan: more than 90 days past due since {date}. "
        "Interest and penalty stopped on {stopped}; what had accrued stays owed. Repay it on the Repay "
        "page; a risk officer can tell you about a recovery plan.",
        "不良贷款当前应还 {amount}：自 {date} 起逾期超过 90 天。利息和罚息已于 {stopped} 停止计收，此前"
        "已产生的仍需归还。请在“还款”页面还款；风控专员可为您介绍还款恢复计划。"),
    "home.reminder_banner": (
        "Reminder: {amount} on loan #{loan_id} is due on {due_date}.",
        "还款提醒：贷款 #{loan_id} 的 {amount} 将于 {due_date} 到期。"),
    "notification.overdue_now": (
        "Loan #{loan_id} is {days} days past due, overdue since {since}: {amount} is due now (overdue "
        "installments, penalty interest and what falls due today). Penalty interest accrues daily on the "
        "overdue principal.",
        "贷款 #{loan_id} 自 {since} 起逾期 {days} 天：当前应还 {amount}（逾期分期、罚息及今日到期款项）。"
        "逾期本金按日计收罚息。"),
    "notification.overdue_now.one": (
        "Loan #{loan_id} is 1 day past due, overdue since {since}: {amount} is due now (overdue "
        "installments, penalty interest and what falls due today). Penalty interest accrues daily on the "
        "overdue principal.",
        "贷款 #{loan_id} 自 {since} 起逾期 1 天：当前应还 {amount}（逾期分期、罚息及今日到期款项）。"
        "逾期本金按日计收罚息。"),
    "notification.non_performing": (
        "Loan #{loan_id} is non-performing: more than 90 days past due since {since}. {amount} is owed "
        "now. Interest and penalty stopped on {stopped}; what had accrued stays owed.",
        "贷款 #{loan_id} 已成为不良贷款：自 {since} 起逾期超过 90 天，当前应还 {amount}。利息和罚息已于 "
        "{stopped} 停止计收，此前已产生的仍需归还。"),
    "repay.pay_overdue_title": (
        "Pay everything overdue",
        "还清全部逾期"),
    "repay.pay_overdue_caption": (
        "{amount} due now on {n} overdue loans: {loans}. Each loan is paid its own due-now amount.",
        "{n} 笔逾期贷款当前应还合计 {amount}：{loans}。每笔贷款按各自的当前应还金额还款。"),
    "repay.pay_overdue_caption.one": (
        "{amount} due now on 1 overdue loan: {loans}.",
        "1 笔逾期贷款当前应还 {amount}：{loans}。"),
    "repay.pay_overdue_review": (
        "Review: pay everything overdue",
        "核对：还清全部逾期"),
    "repay.pay_overdue_confirm_title": (
        "Confirm: pay everything overdue",
        "确认：还清全部逾期"),
    "repay.pay_overdue_summary": (
        "You are about to pay **{amount}** in all: {loans}.",
        "您将合计还款 **{amount}**：{loans}。"),
    "repay.pay_overdue_confirm": (
        "Confirm and pay all",
        "确认全部还款"),
    "repay.pay_overdue_done": (
        "Paid {amount} on {n} overdue loans: {payments}.",
        "已为 {n} 笔逾期贷款还款 {amount}：{payments}。"),
    "repay.pay_overdue_done.one": (
        "Paid {amount} on 1 overdue loan: {payments}.",
        "已为 1 笔逾期贷款还款 {amount}：{payments}。"),
    "repay.loan_amount": (
        "loan #{id} {amount}",
        "贷款 #{id} {amount}"),
    "repay.overdue_since": (
        "This loan is {days} days past due, overdue since {date}.",
        "该贷款自 {date} 起逾期，已 {days} 天。"),
    "repay.overdue_since.one": (
        "This loan is 1 day past due, overdue since {date}.",
        "该贷款自 {date} 起逾期，已 1 天。"),
    "repay.non_performing": (
        "This loan is non-performing (more than 90 days past due since {date}): interest and penalty "
        "stopped on {stopped}; what had accrued stays owed.",
        "该贷款为不良贷款（自 {date} 起逾期超过 90 天）：利息和罚息已于 {stopped} 停止计收，此前已产生的仍"
        "需归还。"),
    "loan.next_due_none": (
        "no installment ahead",
        "无待还分期"),
}

PORTAL_TEXTS |= {
    # --- the loan page: actuals against the plan (issue #9 item 4) ---
    "schedule.remaining": (
        "Still to pay",
        "待还"),
    "schedule.prepayment": (
        "early → {period}",
        "提前还款 → {period}"),
    "schedule.today": (
        "◀ today",
        "◀ 今天"),
    "status.partly_paid": (
        "Partly paid",
        "部分已还"),
    "status.prepaid": (
        "Paid early",
        "提前还款"),
    "status.released": (
        "Released (loan repaid)",
        "已解除质押（贷款已还清）"),
    "loan.schedule_caption": (
        "Each installment with what was paid of it and what remains. A payment made before an installment "
        "fell due is a row of its own (“early → n”: it went into installment n, and the installments after "
        "it were re-sized). The marked row is today.",
        "每期应还、已还与待还。分期到期前的还款单独列为一行（“提前还款 → n”：计入第 n 期，其后各期按新余额"
        "重新计算）。标记行为今天。"),
    "loan.paid_by_order": (
        "Paid by order",
        "结算订单"),
    "loan.paid_by_order_help": (
        "The pledged order whose settlement proceeds made this payment.",
        "以其结算款完成本笔还款的质押订单。"),
    "loan.reversed": (
        "Reversed",
        "已冲正"),
    "loan.reversed_help": (
        "Taken back by an approved reversal (see the corrections below): kept on record, no longer "
        "counted in what you have paid.",
        "已经审批冲正（见下方调整记录）：保留记录，但不再计入您的已还金额。"),
    "chart.paid_per_installment": (
        "Paid and still to pay per installment",
        "每期已还与待还"),
    "chart.today": (
        "today",
        "今天"),
    "chart.actual": (
        "{what} (actual)",
        "{what}（实际）"),
    "chart.planned": (
        "{what} (planned)",
        "{what}（计划）"),
}

PORTAL_TEXTS |= {
    # --- Repay (issue #9 item 12) ---
    "repay.another": (
        "Make another repayment",
        "继续还款"),
    "repay.see_loan": (
        "See loan #{id}",
        "查看贷款 #{id}"),
    "repay.schedule_after": (
        "The schedule after this payment",
        "本次还款后的还款计划"),
    "repay.schedule_after_caption": (
        "Due dates stay; an early repayment of principal re-sizes the installments still to come "
        "by the loan's repayment method.",
        "到期日不变；提前偿还的本金会使其后各期按原还款方式重新计算。"),
}

PORTAL_TEXTS |= {
    # --- the order-loan card says what each number is (issue #9 item 3) ---
    "limits.order_backing": (
        "pledgeable orders {orders} × {rate} advance rate = {limit} · already lent on other orders {lent}",
        "可质押订单 {orders} × 放款比例 {rate} = {limit} · 其他订单上已借 {lent}"),
    "limits.order_backing_help": (
        "An order loan is backed by your shipped orders that are not settled yet and back no loan: what "
        "you can draw now is their value times your advance rate. What you already owe on order loans is "
        "backed by other orders (those pledged to them), so it is not taken off again.",
        "订单贷款以尚未结算、且未被质押的已发货订单为担保：当前可借金额等于这些订单金额乘以您的放款比例。"
        "已借订单贷款由其他（已质押的）订单担保，因此不再从中扣减。"),
}

PORTAL_TEXTS |= {
    # --- links to a loan (issue #9 item 13) ---
    "draw.open_new_loan": (
        "Open loan #{id}",
        "查看贷款 #{id}"),
    "loans.click_to_open": (
        "Click a row to open that loan.",
        "点击任一行即可打开该贷款。"),
}

PORTAL_TEXTS |= {
    # --- notifications as a history (issue #9 item 11) ---
    "notice.settlement": (
        "Order settlement",
        "订单结算还款"),
    "notification.became_overdue": (
        "Installment {period} of loan #{loan_id} ({amount}, due on {due_date}) was not paid in full by its "
        "due date and became overdue: from this day penalty interest runs on its unpaid principal.",
        "贷款 #{loan_id} 第 {period} 期（{amount}，应于 {due_date} 归还）未在到期日全额还清，已转为逾期："
        "自当日起未还本金计收罚息。"),
    "notification.settled": (
        "Order #{order_id} settled: its proceeds paid {amount} on order loan #{loan_id}.",
        "订单 #{order_id} 已结算：结算款为订单贷款 #{loan_id} 还款 {amount}。"),
    "notification.settled_closed": (
        "Order #{order_id} settled: its proceeds paid {amount} on order loan #{loan_id}, which is now "
        "repaid in full.",
        "订单 #{order_id} 已结算：结算款为订单贷款 #{loan_id} 还款 {amount}，该贷款现已全部还清。"),
    "notification.advance_rate_changed": (
        "Your order-loan advance rate changed from {old} to {new} (rating {band}, score {score}).",
        "您的订单贷款放款比例已由 {old} 调整为 {new}（评级 {band}，评分 {score}）。"),
    "notification.reason.rating": (
        "Rating {old_band} → {new_band}, score {old_score} → {new_score}.",
        "评级 {old_band} → {new_band}，评分 {old_score} → {new_score}。"),
    "notification.reason.sales": (
        "Average monthly sales on the platform (last 6 months) {old} → {new}: the credit limit is a "
        "multiple of it.",
        "近 6 个月平台月均销售额 {old} → {new}：信用额度按其倍数确定。"),
    "notification.reason.status.declined": (
        "The score is below the lowest band, so there is no limit for now.",
        "评分低于最低评级，暂无额度。"),
    "notification.reason.status.manual_review": (
        "The score is in the manual-review range: a risk officer decides the limit.",
        "评分处于人工审核区间：额度由风控专员决定。"),
    "notification.reason.status.ineligible": (
        "A basic requirement is not met (see below), so there is no limit for now.",
        "未满足基本准入条件（见下），暂无额度。"),
    "notification.reason.status.other": (
        "The decision is not an approval, so there is no limit for now.",
        "本次评定未获批准，暂无额度。"),
    "notices.unread": (
        "{n} new",
        "{n} 条未读"),
    "notices.new": (
        "new",
        "未读"),
    "notices.history_caption": (
        "Everything you were told, newest first: loans paid out, payments received, reminders, overdue "
        "notices, settlements, limit changes with their reasons, warnings and recalls.",
        "您收到的全部通知，按时间由新到旧：贷款发放、还款到账、还款提醒、逾期通知、结算还款、额度变更及原因、"
        "预警与提前收回。"),
}

PORTAL_TEXTS |= {
    # --- texts (issue #9 item 14) ---
    "band.as_is": (
        "{band}",
        "{band}级"),
    "band.DECLINE": (
        "Declined",
        "未通过"),
    "band.REVIEW": (
        "Manual review",
        "人工审核"),
    "draw.or_earlier_credit": (
        "or earlier: repay any time without a fee",
        "也可随时提前还款，无手续费"),
    "book.running.one": (
        "Running 1 day…",
        "正在运行 1 天……"),
    "book.advanced.one": (
        "Ran 1 day; the business date is now {date}.",
        "已运行 1 天；当前营业日为 {date}。"),
    "order.chosen.one": (
        "1 order chosen",
        "已选 1 笔订单"),
    "loans.count.one": (
        "Showing {shown} of 1 loan.",
        "显示 {shown} / 1 笔贷款。"),
}

PORTAL_TEXTS |= {
    "reason.same_as_typical": (
        "Your figure here, {mine}, is the same as the {typical} typical on the platform",
        "您的该项指标为 {mine}，与平台平均水平 {typical} 持平"),
}

PORTAL_TEXTS |= {
    # --- a loan's real state on every page and table (issue #16 item 4) ---
    "loan_state.open": (
        "Open",
        "未结清"),
    "loan_state.overdue": (
        "Overdue {days} days",
        "逾期 {days} 天"),
    "loan_state.overdue.one": (
        "Overdue 1 day",
        "逾期 1 天"),
    "loan_state.non_performing": (
        "Non-performing ({days} days late)",
        "不良贷款（逾期 {days} 天）"),
    "loan_state.repaid": (
        "Repaid",
        "已结清"),
    "loan_state.written_off": (
        "Written off",
        "已核销"),
    "loan_state.cancelled": (
        "Cancelled: the payout failed",
        "已取消：放款失败"),
    "loan_state.recovery": (
        "Moved to a recovery plan",
        "已转入信用恢复计划"),
    "loan.due_now_title": (
        "Due now",
        "当前应还"),
    "loan.overdue_banner": (
        "{amount} is due now on this loan: overdue since {date} ({days} days). It covers the overdue "
        "installments, the penalty interest on them and what falls due today; penalty interest accrues "
        "every day until it is paid.",
        "该贷款当前应还 {amount}：自 {date} 起逾期（{days} 天），包括逾期各期、相应罚息及今日到期款项；"
        "还清之前罚息按日计收。"),
    "loan.overdue_banner.one": (
        "{amount} is due now on this loan: overdue since {date} (1 day). It covers the overdue "
        "installments, the penalty interest on them and what falls due today; penalty interest accrues "
        "every day until it is paid.",
        "该贷款当前应还 {amount}：自 {date} 起逾期（1 天），包括逾期各期、相应罚息及今日到期款项；"
        "还清之前罚息按日计收。"),
    "loan.non_performing_banner": (
        "This loan is non-performing: more than 90 days past due since {date}. {amount} is due now. "
        "Interest and penalty stopped on {stopped}; what had accrued stays owed. A risk officer can tell "
        "you about a recovery plan.",
        "该贷款已成为不良贷款：自 {date} 起逾期超过 90 天，当前应还 {amount}。利息和罚息已于 {stopped} "
        "停止计收，此前已产生的仍需归还。风控专员可为您介绍信用恢复计划。"),
    "loan.pay_due_review": (
        "Pay what is overdue: {amount}",
        "偿还逾期款项：{amount}"),
    "loan.pay_today_review": (
        "Pay what is due today: {amount}",
        "偿还今日到期款项：{amount}"),
    "loan.pay_due_title": (
        "Confirm: pay what is overdue on loan #{id}",
        "确认：偿还贷款 #{id} 的逾期款项"),
    "loan.pay_due_confirm": (
        "Confirm and pay",
        "确认还款"),
    "loan.pay_due_paid": (
        "Paid {amount} on loan #{id} on {date} (payment #{payment}): penalty {penalty}, interest "
        "{interest}, principal {principal}.",
        "已于 {date} 为贷款 #{id} 还款 {amount}（还款编号 #{payment}）：罚息 {penalty}，利息 {interest}，"
        "本金 {principal}。"),
}

PORTAL_TEXTS |= {
    # --- My limits: one state, one message (issue #16 item 7) ---
    "standing.note.blacklisted": (
        "closed to new loans after a default",
        "因违约暂停借新款"),
    "standing.note.recalled": (
        "no new loans: your loans are recalled and fall due on {due_on}",
        "暂停借新款：您的贷款已被提前收回，{due_on} 到期"),
    "standing.note.warned": (
        "undrawn limits frozen during the risk warning (cure window until {cure_until})",
        "风险预警期间未用额度已冻结（整改期至 {cure_until}）"),
    "standing.note.overdue": (
        "no new loans until what is overdue is repaid",
        "逾期款项还清前不能借新款"),
    "standing.note.cannot_borrow": (
        "no loan can be drawn now: see the message above",
        "目前无法借款：见上方提示"),
    "home.rating_only_title": (
        "Your rating",
        "您的评级"),
    "decision.in_force": (
        "Your rating: {band}, score {score} (rated {date}). Whether you can borrow now is said at the top "
        "of this page.",
        "您的评级：{band}，评分 {score}（{date} 评定）。目前能否借款，请见本页顶部的提示。"),
}

PORTAL_TEXTS |= {
    # --- notices: a loan paid out, a payment received (issue #16 item 9) ---
    "notice.disbursed": (
        "Loan paid out",
        "贷款已发放"),
    "notice.payment": (
        "Payment received",
        "还款已到账"),
    "notification.disbursed": (
        "Loan #{loan_id} is paid out: {amount} ({product}, shop {shop}) to your payment account. The last "
        "repayment date is {maturity}.",
        "贷款 #{loan_id} 已发放：{amount}（{product}，店铺 {shop}）已转入您的支付账户。"
        "最后还款日为 {maturity}。"),
    "notification.payment_received": (
        "Payment #{payment_id} of {amount} on loan #{loan_id} is received: penalty {penalty}, interest "
        "{interest}, principal {principal}.",
        "贷款 #{loan_id} 的还款 #{payment_id}（{amount}）已到账：罚息 {penalty}，利息 {interest}，本金 "
        "{principal}。"),
    "notification.payment_received_closed": (
        "Payment #{payment_id} of {amount} on loan #{loan_id} is received: penalty {penalty}, interest "
        "{interest}, principal {principal}. The loan is repaid in full and closed.",
        "贷款 #{loan_id} 的还款 #{payment_id}（{amount}）已到账：罚息 {penalty}，利息 {interest}，本金 "
        "{principal}。该贷款已全部还清并结清。"),
    "notification.auto_debited": (
        "{amount} was collected from your platform balance for loan #{loan_id} (payment #{payment_id}): "
        "penalty {penalty}, interest {interest}, principal {principal}.",
        "已从您的平台余额中扣收 {amount} 用于偿还贷款 #{loan_id}（还款 #{payment_id}）：罚息 {penalty}，利息 "
        "{interest}，本金 {principal}。"),
    "notification.auto_debited_closed": (
        "{amount} was collected from your platform balance for loan #{loan_id} (payment #{payment_id}): "
        "penalty {penalty}, interest {interest}, principal {principal}. The loan is repaid in full and "
        "closed.",
        "已从您的平台余额中扣收 {amount} 用于偿还贷款 #{loan_id}（还款 #{payment_id}）：罚息 {penalty}，利息 "
        "{interest}，本金 {principal}。该贷款已全部还清并结清。"),
}

PORTAL_TEXTS |= {
    # --- the one-day minimum, said where it is charged (issue #16 item 10, rules §2) ---
    "repay.minimum_day": (
        "{amount} of the interest is one day's interest: money repaid on the day it was drawn is charged "
        "one day, as the loan agreement says (otherwise interest runs from the draw day up to, not "
        "including, the day of repayment).",
        "其中 {amount} 为一天的利息：放款当日即归还的款项按一天计息，见借款合同（其他情况下，利息自放款日"
        "起计至还款日前一日）。"),
}
