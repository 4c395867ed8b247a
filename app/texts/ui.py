"""Texts of the portal's pages and components: key → (English, 简体中文).

Parameters are filled in already formatted (money as ¥1,234.56, dates ISO).
"""

_APP = {
    "app.name": (
        "Microloan Factory",
        "微贷工厂"),
    "app.unexpected_error": (
        "Something went wrong on our side. Please try again; if it keeps happening, give support "
        "the reference {id}.",
        "系统出现意外错误。请重试；如果问题持续出现，请将编号 {id} 告知客服。"),
    "app.tagline": (
        "Working capital for online sellers: order loans and credit loans.",
        "为网店卖家提供经营资金：订单贷款与信用贷款。"),
    "fmt.rate": (
        "{day}%/day ({year}%/yr)",
        "日利率 {day}%（年化 {year}%）"),
    "fmt.rate_day": (
        "{day}%/day",
        "{day}%/日"),
    "fmt.rate_year": (
        "{year}%/yr annualised",
        "年化 {year}%"),
    "sidebar.business_date": (
        "📅 Business date **{date}**",
        "📅 营业日 **{date}**"),
    "sidebar.signed_in_as": (
        "👤 **{user}** · {role}",
        "👤 **{user}** · {role}"),
    "sidebar.sign_out": (
        "Sign out",
        "退出登录"),
    "role.seller": (
        "seller",
        "卖家"),
    "role.risk": (
        "risk officer",
        "风控专员"),
    "role.admin": (
        "admin",
        "管理员"),
    "nav.sign_in": (
        "Sign in",
        "登录"),
    "nav.section.account": (
        "My account",
        "我的账户"),
    "nav.section.borrow": (
        "Borrow",
        "借款"),
    "nav.section.loans": (
        "Loans",
        "贷款"),
    "nav.home": (
        "My limits",
        "我的额度"),
    "nav.notifications": (
        "Notifications",
        "消息通知"),
    "nav.apply": (
        "Apply / re-rate",
        "申请 / 重新评级"),
    "nav.draw_order": (
        "Draw order loan",
        "订单贷款"),
    "nav.draw_credit": (
        "Draw credit loan",
        "信用贷款"),
    "nav.loans": (
        "My loans",
        "我的贷款"),
    "nav.repay": (
        "Repay",
        "还款"),
    "nav.not_for_role": (
        "This page is not part of your role's work.",
        "此页面不属于您的角色。"),
    "nav.go_start": (
        "Go to your start page",
        "返回首页"),
    "nav.book": (
        "End-of-day status",
        "日终状态"),
    "nav.audit": (
        "Audit log",
        "审计日志"),
}

_AUTH = {
    "auth.failed": (
        "The username or password is not right. After 5 failed attempts in a row a login is locked for 15 "
        "minutes. New here? Activate your login with your one-time code first.",
        "用户名或密码不正确。连续失败 5 次后，账户将被锁定 15 分钟。首次使用？请先用一次性激活码激活账户。"),
    "auth.locked": (
        "Too many failed attempts: this login is locked for {minutes} minutes (until {until}). Please try "
        "again later.",
        "失败次数过多：该账户已被锁定 {minutes} 分钟（至 {until}）。请稍后再试。"),
    "auth.activation_failed": (
        "The username or activation code is not right, or the login is already active.",
        "用户名或激活码不正确，或账户已激活。"),
    "auth.password_too_short": (
        "Choose a password of at least {length} characters.",
        "请设置至少 {length} 位的密码。"),
    "auth.idle_signed_out": (
        "You were signed out after 30 minutes without activity. Please sign in again.",
        "您已 30 分钟未操作，系统已自动退出。请重新登录。"),
    "auth.session_ended": (
        "This sign-in has ended (you signed out, or the link is from an earlier session). Please sign in "
        "again.",
        "此次登录已结束（您已退出，或该链接来自之前的登录）。请重新登录。"),
    "signin.tab": (
        "Sign in",
        "登录"),
    "signin.username": (
        "Username",
        "用户名"),
    "signin.password": (
        "Password",
        "密码"),
    "signin.submit": (
        "Sign in",
        "登录"),
    "activate.tab": (
        "Activate",
        "激活账户"),
    "activate.help": (
        "Your platform gave you a one-time activation code. Enter it with your username and choose a "
        "password of at least {length} characters.",
        "平台已向您提供一次性激活码。请输入用户名和激活码，并设置至少 {length} 位的密码。"),
    "activate.code": (
        "Activation code",
        "激活码"),
    "activate.new_password": (
        "New password",
        "新密码"),
    "activate.repeat_password": (
        "Repeat the new password",
        "再次输入新密码"),
    "activate.submit": (
        "Activate and sign in",
        "激活并登录"),
    "activate.mismatch": (
        "The two passwords differ.",
        "两次输入的密码不一致。"),
}

_NAMES = {
    "method.bullet": (
        "Bullet (principal and interest at maturity)",
        "到期一次还本付息"),
    "method.interest_only": (
        "Monthly interest, principal at maturity",
        "按月付息，到期还本"),
    "method.equal_principal": (
        "Equal principal",
        "等额本金"),
    "method.equal_installment": (
        "Equal installments",
        "等额本息"),
    "method_short.bullet": (
        "Bullet",
        "到期还本付息"),
    "method_short.interest_only": (
        "Interest-only",
        "按月付息"),
    "method_short.equal_principal": (
        "Equal principal",
        "等额本金"),
    "method_short.equal_installment": (
        "Equal installments",
        "等额本息"),
    "method_help.bullet": (
        "one payment at maturity",
        "到期一次性还本付息"),
    "method_help.interest_only": (
        "interest monthly, principal at the end",
        "每月付息，到期还本"),
    "method_help.equal_principal": (
        "same principal each month, falling interest",
        "每月本金相同，利息递减"),
    "method_help.equal_installment": (
        "same payment each month",
        "每月还款额相同"),
    "product.order": (
        "Order loan",
        "订单贷款"),
    "product.credit": (
        "Credit loan",
        "信用贷款"),
    "status.open": (
        "Open",
        "未结清"),
    "status.closed": (
        "Repaid",
        "已结清"),
    "status.paid": (
        "Paid",
        "已还"),
    "status.due": (
        "Due today",
        "今日到期"),
    "status.overdue": (
        "Overdue",
        "逾期"),
    "status.scheduled": (
        "Scheduled",
        "待还"),
    "status.shipped": (
        "Shipped",
        "已发货"),
    "status.settled": (
        "Settled",
        "已结算"),
    "status.refunded": (
        "Refunded",
        "已退款"),
    "source.manual": (
        "By you",
        "主动还款"),
    "source.settlement": (
        "Order settlement",
        "订单结算"),
    "source.auto_debit": (
        "Auto-debit",
        "自动扣款"),
    "due.penalty": (
        "Penalty interest",
        "罚息"),
    "due.overdue_interest": (
        "Overdue interest",
        "逾期利息"),
    "due.overdue_principal": (
        "Overdue principal",
        "逾期本金"),
    "due.interest_due_today": (
        "Interest due today",
        "今日到期利息"),
    "due.principal_due_today": (
        "Principal due today",
        "今日到期本金"),
    "due.accrued_interest": (
        "Interest accrued so far",
        "截至今日应计利息"),
    "due.prepaid_principal": (
        "Early repayment of principal",
        "提前偿还本金"),
    "notice.reminder": (
        "Payment reminder",
        "还款提醒"),
    "notice.overdue": (
        "Overdue",
        "逾期通知"),
    "notice.limit": (
        "Limit change",
        "额度变更"),
    "notice.warning": (
        "Warning",
        "预警"),
    "notice.recall": (
        "Recall",
        "提前收回"),
}

_HOME = {
    "home.title": (
        "My limits",
        "我的额度"),
    "home.identity": (
        "{name} · {shops} · ID {resident_id} · phone {phone}",
        "{name} · {shops} · 身份证 {resident_id} · 手机 {phone}"),
    "home.blacklisted": (
        "Your account is closed to new loans after a default. A risk officer can tell you about the way "
        "back (a recovery plan, then a small limit).",
        "由于曾发生违约，您的账户暂不能借新款。风控专员可为您介绍恢复路径（先制定还款计划，再给予小额额度"
        "）。"),
    "home.overdue_banner": (
        "{amount} is overdue. Penalty interest accrues every day; repay it now on the Repay page. No new "
        "draws are possible until it is repaid.",
        "您有 {amount} 已逾期，罚息按日计收。请尽快在“还款”页面还款；还清前无法借新款。"),
    "home.next_payment": (
        "Next payment",
        "下一期还款"),
    "home.due_on": (
        "due on {date}",
        "到期日 {date}"),
    "home.no_payment_due": (
        "nothing due",
        "暂无应还款"),
    "home.overdue": (
        "Overdue",
        "逾期金额"),
    "home.overdue_caption": (
        "repay now to stop penalty interest",
        "请立即还款以停止罚息"),
    "home.nothing_overdue": (
        "nothing overdue",
        "无逾期"),
    "home.rating": (
        "Rating",
        "信用评级"),
    "home.rating_caption": (
        "score {score} · rated {date}",
        "评分 {score} · 评定于 {date}"),
    "home.no_rating": (
        "not rated yet",
        "尚未评级"),
    "home.pre_approved": (
        "pre-approved by the platform",
        "平台预授信评级"),
    "home.no_reasons": (
        "Your limits come from the platform's pre-approval. Re-rate on the Apply / re-rate page to see "
        "the reasons behind your rating and how to raise your limit.",
        "您的额度来自平台预授信。在“申请 / 重新评级”页面重新评级，即可查看评级原因和提额方法。"),
    "home.open_loans": (
        "Open loans",
        "未结清贷款"),
    "home.rating_title": (
        "Your rating and how to raise your limit",
        "您的评级与提额方法"),
    "home.rerate_link": (
        "Apply / re-rate",
        "申请 / 重新评级"),
    "limits.credit_available": (
        "Credit loan: available now",
        "信用贷款：当前可借"),
    "limits.credit_caption": (
        "limit {limit} · outstanding {outstanding}",
        "额度 {limit} · 未还本金 {outstanding}"),
    "limits.credit_help": (
        "Your credit limit less what you owe on credit loans, within the ¥1,000,000.00 cap on all your "
        "loans together. Repaid principal can be drawn again at once.",
        "信用额度减去信用贷款未还本金，且所有贷款合计不超过 ¥1,000,000.00。已还本金可立即再次借用。"),
    "limits.order_available": (
        "Order loan: available now",
        "订单贷款：当前可借"),
    "limits.order_caption": (
        "limit {limit} · outstanding {outstanding}",
        "额度 {limit} · 未还本金 {outstanding}"),
    "limits.order_help": (
        "Your shipped, not yet settled orders that back no loan, times your advance rate ({rate}).",
        "尚未结算、未被质押的已发货订单金额乘以您的放款比例（{rate}）。"),
    "limits.outstanding": (
        "Outstanding principal",
        "未还本金合计"),
    "limits.outstanding_caption": (
        "room under the cap on all loans: {room}",
        "距所有贷款总上限还有 {room}"),
    "limits.cap_help": (
        "All your loans together may not exceed ¥1,000,000.00 of principal.",
        "您所有贷款的本金合计不得超过 ¥1,000,000.00。"),
}

_DECISION = {
    "decision.approved": (
        "Approved: rating {band}, score {score}. Your credit limit is {limit}.",
        "已批准：评级 {band}，评分 {score}。您的信用额度为 {limit}。"),
    "decision.manual_review": (
        "Your application is with a risk officer for review (score {score}). If approved, your credit "
        "limit would be up to {proposed}. We will let you know.",
        "您的申请正在由风控专员人工审核（评分 {score}）。如获批准，信用额度最高为 {proposed}。审核结果将通"
        "知您。"),
    "decision.declined": (
        "Not approved this time (score {score}). The reasons and what would help are below.",
        "本次未获批准（评分 {score}）。原因及改进建议见下方。"),
    "decision.ineligible": (
        "Not eligible for a loan now, for these reasons:",
        "您目前不符合借款条件，原因如下："),
    "decision.rating": (
        "Rating",
        "评级"),
    "decision.score": (
        "Score",
        "评分"),
    "decision.score_help": (
        "From 350 to 950. AAA from 800, AA 750, A 700, BBB 650, BB 600.",
        "范围 350–950。AAA ≥ 800，AA ≥ 750，A ≥ 700，BBB ≥ 650，BB ≥ 600。"),
    "decision.credit_limit": (
        "Credit limit",
        "信用额度"),
    "decision.advance_rate": (
        "Order advance rate",
        "订单放款比例"),
    "decision.basis": (
        "Decided {date} on average monthly sales of {sales} · model {model}",
        "评定于 {date}，依据月均销售额 {sales} · 模型 {model}"),
    "decision.reasons_up": (
        "What helped",
        "加分因素"),
    "decision.reasons_down": (
        "What held it back",
        "减分因素"),
    "decision.tips": (
        "How to raise your limit",
        "如何提高额度"),
    "decision.none": (
        "nothing stood out",
        "无明显因素"),
    "decision.no_tips": (
        "You are at the top rating: keep it up.",
        "您已是最高评级，请继续保持。"),
    "decision.missing": (
        "You have no rating yet. Apply on the Apply / re-rate page.",
        "您还没有评级。请在“申请 / 重新评级”页面申请。"),
}

_APPLY = {
    "apply.title": (
        "Apply / re-rate",
        "申请 / 重新评级"),
    "apply.caption": (
        "We filled in what the platform knows; check it, add the rest and send. The decision comes at "
        "once. Declared figures that match your platform data help your score.",
        "我们已预填平台掌握的数据；请核对并补充其余内容后提交，结果即时给出。申报数据与平台数据一致有助于"
        "提高评分。"),
    "apply.financials": (
        "Your business",
        "经营情况"),
    "apply.field.annual_sales": (
        "Annual sales",
        "年销售额"),
    "apply.field.operating_cost": (
        "Operating cost",
        "经营成本"),
    "apply.field.net_margin_pct": (
        "Net margin",
        "净利润率"),
    "apply.field.inventory": (
        "Inventory",
        "存货"),
    "apply.field.total_assets": (
        "Total assets",
        "总资产"),
    "apply.field.total_liabilities": (
        "Total liabilities",
        "总负债"),
    "apply.field.receivables": (
        "Receivables",
        "应收账款"),
    "apply.field.platform_share_pct": (
        "Share of sales on the platform",
        "平台销售占比"),
    "apply.customers": (
        "Your two largest customers (optional)",
        "前两大客户（选填）"),
    "apply.customer_share": (
        "Customer {n}: share of your sales (%)",
        "客户 {n}：占销售额比例（%）"),
    "apply.customer_since": (
        "Customer {n}: customer since",
        "客户 {n}：合作起始日期"),
    "apply.questionnaire": (
        "Short questionnaire (optional, small weight)",
        "简短问卷（选填，权重较小）"),
    "apply.questionnaire_answer": (
        "Answer the questionnaire",
        "填写问卷"),
    "apply.scale1": (
        "1 · not at all",
        "1 · 完全不符合"),
    "apply.scale3": (
        "3 · partly",
        "3 · 部分符合"),
    "apply.scale5": (
        "5 · fully",
        "5 · 完全符合"),
    "apply.submit": (
        "Send application",
        "提交申请"),
    "apply.rerate": (
        "Re-rate me on platform data only",
        "仅按平台数据重新评级"),
    "apply.rerate_help": (
        "A new decision from your latest platform data, without the form.",
        "不填写表单，按最新平台数据重新评级。"),
    "apply.invalid": (
        "Please correct the form:",
        "请修改表单中的以下问题："),
    "apply.decision": (
        "Decision",
        "评审结果"),
}

_DRAW = {
    "draw.rate": (
        "Rate",
        "利率"),
    "draw.rate_help": (
        "Interest is charged per day used: the draw day counts, the repayment day does not. Repay any "
        "time without a fee.",
        "按实际使用天数计息（算头不算尾），可随时还款，无提前还款费用。"),
    "draw.total_interest": (
        "Total interest",
        "利息合计"),
    "draw.first_payment": (
        "First payment",
        "首期还款"),
    "draw.first_payment_help": (
        "What the first installment will be if you do not repay early.",
        "如不提前还款，首期应还金额。"),
    "draw.total_repayment": (
        "Total to repay",
        "还款总额"),
    "draw.if_on_schedule": (
        "if repaid on schedule",
        "按期还款"),
    "draw.repay_by": (
        "Repay by",
        "最迟还款日"),
    "draw.or_earlier": (
        "or earlier, as the orders settle",
        "订单结算时将提前还款"),
    "draw.last_payment": (
        "last payment {date}",
        "最后还款日 {date}"),
    "draw.shop": (
        "Shop",
        "店铺"),
    "draw.review": (
        "Review and draw",
        "核对并借款"),
    "draw.confirm_title": (
        "Confirm your draw",
        "确认借款"),
    "draw.confirm_summary": (
        "You are about to draw a **{product}** of **{amount}** at **{rate}**. Total interest "
        "**{interest}**; first payment **{first}** on {first_date}.",
        "您将借入**{product}** **{amount}**，**{rate}**。利息合计 **{interest}**；首期还款 **{first}**，还"
        "款日 {first_date}。"),
    "draw.confirm_summary_once": (
        "You are about to draw an **{product}** of **{amount}** at **{rate}**. You repay **{first}** "
        "(interest **{interest}**) by {first_date} at the latest; less if the pledged orders settle "
        "earlier.",
        "您将借入**{product}** **{amount}**，**{rate}**。最迟于 {first_date} 还款 **{first}**（利息 **{int"
        "erest}**）；质押订单提前结算则费用更低。"),
    "draw.confirm": (
        "Confirm and draw",
        "确认借款"),
    "draw.cancel": (
        "Cancel",
        "取消"),
    "agreement.title": (
        "Loan agreement (version {version}) — key terms",
        "借款合同（版本 {version}）— 主要条款"),
    "agreement.terms": (
        "- Product: {product}; amount {amount}; term {term}; repayment: {method}.\n- Interest {rate}, "
        "charged per day used; total interest if repaid on schedule: {interest}.\n- Interest runs from the "
        "day the money is drawn up to, not including, the day it is repaid; money repaid on the very day "
        "it is drawn is charged one day ({one_day} on the whole amount).\n- Last repayment date "
        "{maturity}. You may repay early, in part or in full, at any time without a fee.\n- Amounts not "
        "paid when due carry penalty interest of {penalty}, and no new loans are possible until they are "
        "paid.\n- Amounts due may be collected from your platform balance; an order loan is repaid from "
        "the settlement of its pledged orders first.",
        "- 产品：{product}；金额 {amount}；期限 {term}；还款方式：{method}。\n- 利率：{rate}，按实际使用天"
        "数计息；按期还款的利息合计 {interest}。\n- 利息自放款当日起计至还款日前一日（算头不算尾）；放款当日"
        "即归还的款项按一天计息（全部借款一天为 {one_day}）。\n- 最后还款日 {maturity}。"
        "可随时提前部分或全部还款，无任何费用。\n- 到期未还的款项按 {penalty} 计收罚息，还清前不能借新款。"
        "\n- 应还款项可从您的平台账户余额中扣收；订单贷款优先以质押订单的结算款偿还。"),
    "agreement.agree": (
        "I have read the loan agreement and agree to its terms",
        "我已阅读并同意借款合同条款"),
    "credit.title": (
        "Draw a credit loan",
        "借信用贷款"),
    "credit.caption": (
        "Unsecured, on your rating: 1 to 12 months, four ways to repay. See every method's cost before "
        "you commit.",
        "无需抵押，凭信用评级借款：期限 1–12 个月，四种还款方式。借款前可对比各方式的成本。"),
    "credit.amount": (
        "Amount (¥)",
        "借款金额（¥）"),
    "credit.amount_help": (
        "From ¥100.00 up to what is available now: {available}.",
        "最低 ¥100.00，最高为当前可借额度 {available}。"),
    "credit.term": (
        "Term",
        "期限"),
    "credit.months": (
        "{n} months",
        "{n} 个月"),
    "credit.method": (
        "Repayment method",
        "还款方式"),
    "credit.enter_amount": (
        "Enter an amount to see its schedule and cost.",
        "请输入金额以查看还款计划和成本。"),
    "credit.preview": (
        "Repayment schedule if drawn today",
        "今日借款的还款计划"),
    "credit.drawn": (
        "Loan #{id} of {amount} is drawn; the last payment is due {date}.",
        "贷款 #{id}（{amount}）已放款；最后还款日 {date}。"),
    "credit.see_loans": (
        "See it in My loans",
        "在“我的贷款”中查看"),
    "order.title": (
        "Draw an order loan",
        "借订单贷款"),
    "order.caption": (
        "Borrow against orders you have shipped: repaid automatically when buyers confirm receipt, at the "
        "latest after 30 days.",
        "以已发货订单为质押借款：买家确认收货后自动还款，最长 30 天。"),
    "order.advance_rate": (
        "Your advance rate",
        "您的放款比例"),
    "order.no_orders": (
        "You have no shipped, unsettled orders that could back a loan right now.",
        "您目前没有可用于质押的已发货未结算订单。"),
    "order.orders": (
        "Shipped orders you can pledge ({n})",
        "可质押的已发货订单（{n} 笔）"),
    "order.select_all": (
        "Select all orders",
        "全选订单"),
    "order.pick_orders": (
        "Tick the orders to pledge in the table, or select all.",
        "请在表格中勾选要质押的订单，或全选。"),
    "order.id": (
        "Order",
        "订单号"),
    "order.buyer": (
        "Buyer",
        "买家"),
    "order.amount": (
        "Amount",
        "金额"),
    "order.paid_on": (
        "Paid",
        "付款日"),
    "order.shipped_on": (
        "Shipped",
        "发货日"),
    "order.chosen": (
        "{n} orders chosen",
        "已选 {n} 笔订单"),
    "order.chosen_value": (
        "Chosen orders",
        "所选订单金额"),
    "order.most_caption": (
        "within your limits and the cap",
        "不超过您的额度及总上限"),
    "order.backing": (
        "They can back",
        "可支持借款"),
    "order.backing_help": (
        "Orders' value × your advance rate.",
        "订单金额 × 放款比例。"),
    "order.most": (
        "Most you can draw on them now",
        "当前最多可借"),
    "order.amount_to_draw": (
        "Amount to draw (¥) — leave empty for the most",
        "借款金额（¥）— 留空则按最高额"),
    "order.amount_help": (
        "At least ¥100.00; at most what the chosen orders can back.",
        "最低 ¥100.00，最高为所选订单可支持的金额。"),
    "order.nothing_to_draw": (
        "These orders cannot back a loan now.",
        "所选订单目前无法支持借款。"),
    "order.cost_title": (
        "Cost if repaid after {days} days (earlier settlement costs less)",
        "{days} 天后还款的成本（订单提前结算则更低）"),
    "order.term": (
        "{days} days",
        "{days} 天"),
    "order.pledged": (
        "Orders pledged: {ids}",
        "质押订单：{ids}"),
    "order.drawn": (
        "Order loan #{id} of {amount} is drawn; it is due {date} unless the orders settle first.",
        "订单贷款 #{id}（{amount}）已放款；若订单未提前结算，到期日为 {date}。"),
}

_LOANS = {
    "repay.title": (
        "Repay",
        "还款"),
    "repay.caption": (
        "Repay any time, all or part, without a fee. A payment clears penalty and overdue amounts first, "
        "then what is due today, then interest so far, then principal.",
        "可随时部分或全部还款，无手续费。还款依次冲抵：罚息、逾期款项、今日到期款项、截至今日利息，最后是"
        "本金。"),
    "repay.no_loans": (
        "You have no open loans.",
        "您没有未结清的贷款。"),
    "repay.loan": (
        "Loan",
        "贷款"),
    "repay.loan_option": (
        "#{id} · {product} · {state} · outstanding {outstanding} · next due {due}",
        "#{id} · {product} · {state} · 未还本金 {outstanding} · 下期还款日 {due}"),
    "repay.payoff": (
        "Payoff today",
        "今日结清金额"),
    "repay.payoff_help": (
        "Everything it takes to close the loan today: principal, interest to date and any penalty.",
        "今日结清贷款所需全部金额：本金、截至今日利息及罚息（如有）。"),
    "repay.due_now": (
        "Due now",
        "当前应还"),
    "repay.payoff_caption": (
        "closes the loan today",
        "今日还清即结清贷款"),
    "repay.due_now_caption": (
        "due today or overdue",
        "今日到期及逾期"),
    "loan.next_due": (
        "next due {date}",
        "下期还款日 {date}"),
    "repay.due_now_help": (
        "What is due today or overdue.",
        "今日到期及已逾期的金额。"),
    "repay.outstanding": (
        "Outstanding principal",
        "未还本金"),
    "repay.overdue": (
        "This loan is {days} days past due.",
        "该贷款已逾期 {days} 天。"),
    "repay.how_much": (
        "How much",
        "还款金额"),
    "repay.full": (
        "Pay it off",
        "全部结清"),
    "repay.part": (
        "Pay part",
        "部分还款"),
    "repay.amount": (
        "Amount (¥)",
        "金额（¥）"),
    "repay.amount_help": (
        "Up to the payoff amount.",
        "不超过结清金额。"),
    "repay.preview": (
        "How {amount} will be used",
        "{amount} 的冲抵明细"),
    "repay.review": (
        "Review payment",
        "核对还款"),
    "repay.confirm_title": (
        "Confirm your payment",
        "确认还款"),
    "repay.confirm_summary": (
        "You are about to pay **{amount}** on loan #{id} ({rate}): principal **{principal}**, interest "
        "**{interest}**, penalty **{penalty}**.",
        "您将为贷款 #{id}（{rate}）还款 **{amount}**：本金 **{principal}**，利息 **{interest}**，罚息 **{p"
        "enalty}**。"),
    "repay.confirm": (
        "Confirm and pay",
        "确认还款"),
    "repay.receipt": (
        "Paid {amount} on loan #{id} on {date} (payment #{payment}).",
        "已于 {date} 为贷款 #{id} 还款 {amount}（还款编号 #{payment}）。"),
    "repay.closed": (
        "Loan #{id} is repaid in full and closed.",
        "贷款 #{id} 已全部还清并结清。"),
    "loans.title": (
        "My loans",
        "我的贷款"),
    "loans.caption": (
        "Every loan with its status, next payment and days past due.",
        "所有贷款的状态、下期还款及逾期天数。"),
    "loans.none": (
        "You have no loans yet.",
        "您还没有贷款。"),
    "loans.show_closed": (
        "Show repaid loans too",
        "显示已结清贷款"),
    "loans.count": (
        "Showing {shown} of {total} loans.",
        "显示 {shown} / {total} 笔贷款。"),
    "loans.id": (
        "Loan",
        "贷款"),
    "loans.product": (
        "Product",
        "产品"),
    "loans.method": (
        "Repayment",
        "还款方式"),
    "loans.principal": (
        "Principal",
        "本金"),
    "loans.outstanding": (
        "Outstanding",
        "未还本金"),
    "loans.rate": (
        "Rate",
        "利率"),
    "loans.start": (
        "Drawn",
        "放款日"),
    "loans.maturity": (
        "Maturity",
        "到期日"),
    "loans.status": (
        "Status",
        "状态"),
    "loans.next_due": (
        "Next due",
        "下期还款日"),
    "loans.next_amount": (
        "Amount due",
        "下期金额"),
    "loans.dpd": (
        "Days late",
        "逾期天数"),
    "loans.dpd_help": (
        "Days since the oldest unpaid due date.",
        "自最早未还到期日起的天数。"),
    "loans.open_one": (
        "Open a loan",
        "查看贷款"),
    "loans.open_detail": (
        "Open loan #{id}",
        "查看贷款 #{id}"),
    "loan.title": (
        "Loan detail",
        "贷款详情"),
    "loan.back": (
        "Back to My loans",
        "返回我的贷款"),
    "loan.no_such": (
        "There is no such loan among yours. Choose one on My loans.",
        "您的贷款中没有这笔贷款。请在“我的贷款”中选择。"),
    "loan.pick": (
        "Choose a loan on My loans.",
        "请在“我的贷款”中选择一笔贷款。"),
    "loan.heading": (
        "Loan #{id} · {product} · {method}",
        "贷款 #{id} · {product} · {method}"),
    "loan.facts": (
        "Shop {shop} · drawn {start} · maturity {maturity} · {rate} · agreement {agreement}",
        "店铺 {shop} · 放款日 {start} · 到期日 {maturity} · {rate} · 合同版本 {agreement}"),
    "loan.repay_this": (
        "Repay this loan",
        "偿还这笔贷款"),
    "loan.schedule": (
        "Repayment schedule",
        "还款计划"),
    "loan.payments": (
        "Payments",
        "还款记录"),
    "loan.no_payments": (
        "No payments yet.",
        "暂无还款记录。"),
    "loan.paid_on": (
        "Date",
        "日期"),
    "loan.source": (
        "Paid by",
        "还款来源"),
    "loan.pledged": (
        "Pledged orders and their settlement",
        "质押订单及其结算"),
    "loan.settled_on": (
        "Settled",
        "结算日"),
    "loan.repaid_by_order": (
        "Paid on the loan",
        "用于还款"),
    "schedule.period": (
        "No.",
        "期数"),
    "schedule.due_date": (
        "Due date",
        "还款日"),
    "schedule.principal": (
        "Principal",
        "本金"),
    "schedule.interest": (
        "Interest",
        "利息"),
    "schedule.total": (
        "Total",
        "合计"),
    "schedule.balance_after": (
        "Balance after",
        "剩余本金"),
    "schedule.paid": (
        "Paid",
        "已还"),
    "schedule.status": (
        "Status",
        "状态"),
    "schedule.download": (
        "Download schedule (CSV)",
        "下载还款计划（CSV）"),
    "chart.installments": (
        "Principal and interest per installment",
        "每期本金与利息"),
    "chart.balance": (
        "Outstanding principal over time",
        "剩余本金变化"),
    "chart.cumulative_interest": (
        "Cumulative interest",
        "累计利息"),
    "chart.due_date": (
        "Due date",
        "还款日"),
    "chart.date": (
        "Date",
        "日期"),
    "chart.amount": (
        "Amount (¥)",
        "金额（¥）"),
    "chart.outstanding": (
        "Outstanding principal (¥)",
        "剩余本金（¥）"),
    "chart.interest_paid": (
        "Interest (¥)",
        "利息（¥）"),
    "chart.methods": (
        "Total interest by repayment method",
        "各还款方式利息合计"),
    "chart.total_interest": (
        "Total interest (¥)",
        "利息合计（¥）"),
    "chart.method": (
        "Method",
        "还款方式"),
    "allocation.penalty": (
        "Penalty interest",
        "罚息"),
    "allocation.interest": (
        "Interest",
        "利息"),
    "allocation.principal": (
        "Principal",
        "本金"),
    "allocation.item": (
        "Item",
        "项目"),
    "allocation.amount": (
        "Amount",
        "金额"),
    "notices.title": (
        "Notifications",
        "消息通知"),
    "notices.caption": (
        "Payment reminders, overdue notices, warnings, recalls and limit changes, each with its reason.",
        "还款提醒、逾期通知、预警、提前收回及额度变更，并附原因。"),
    "notices.none": (
        "No notifications.",
        "暂无通知。"),
    "notices.filter": (
        "Show",
        "显示"),
}

_BOOK = {
    "book.title": (
        "End-of-day status",
        "日终状态"),
    "book.business_date": (
        "Business date",
        "营业日"),
    "book.caption": (
        "Each end of day settles confirmed orders, auto-debits what is due, marks overdue installments, "
        "accrues interest and penalty, re-rates every seller and moves the business date on.",
        "每次日终会结算已确认收货的订单、自动扣收到期款项、标记逾期、计提利息和罚息、为每个卖家重新评级，"
        "并推进营业日。"),
    "book.admin_only": (
        "Only an admin can advance the business date.",
        "仅管理员可推进营业日。"),
    "book.advance_title": (
        "Advance N days (demo)",
        "推进 N 天（演示）"),
    "book.advance_help": (
        "Simulates each day's platform activity — new orders, buyers confirming receipt, refunds, "
        "repayments, draws — and runs end of day (settlement, auto-debit, interest, overdue) for it.",
        "模拟每天的平台活动（新订单、买家确认收货、退款、还款、借款），并执行日终（结算、自动扣款、计息、"
        "逾期）。"),
    "book.days": (
        "Days",
        "天数"),
    "book.simulate": (
        "Simulate platform activity (off: end of day only)",
        "模拟平台活动（关闭则仅执行日终）"),
    "book.advance": (
        "Advance",
        "推进"),
    "book.running": (
        "Running {n} days…",
        "正在运行 {n} 天……"),
    "book.advanced": (
        "Ran {n} days; the business date is now {date}.",
        "已运行 {n} 天；当前营业日为 {date}。"),
    "book.col.day": (
        "Day",
        "日期"),
    "book.col.placed": (
        "Orders placed",
        "新订单"),
    "book.col.shipped": (
        "Shipped",
        "发货"),
    "book.col.settled": (
        "Settled",
        "结算"),
    "book.col.refunded": (
        "Refunded",
        "退款"),
    "book.col.repayments": (
        "Repayments",
        "还款笔数"),
    "book.col.repaid": (
        "Repaid",
        "还款金额"),
    "book.col.auto_debits": (
        "Auto-debits",
        "自动扣款"),
    "book.col.new_loans": (
        "New loans",
        "新增贷款"),
    "book.col.lent": (
        "Lent",
        "放款金额"),
    "book.col.overdue": (
        "Newly overdue",
        "新增逾期"),
    "book.col.npl": (
        "Newly non-performing",
        "新增不良"),
}

_AUDIT = {
    "audit.title": (
        "Audit log",
        "审计日志"),
    "audit.caption": (
        "Who did what and when, newest first: sign-ins, money moves, decisions, settings and runs. "
        "Events are never changed or deleted.",
        "按时间倒序列出谁在何时做了什么：登录、资金变动、授信决策、设置变更和批处理。记录不可修改或删除。"),
    "audit.filter": (
        "Action",
        "操作"),
    "audit.all": (
        "All actions",
        "全部操作"),
    "audit.none": (
        "No events yet.",
        "暂无记录。"),
    "audit.col.at": (
        "When (UTC)",
        "时间（UTC）"),
    "audit.col.username": (
        "User",
        "用户"),
    "audit.col.role": (
        "Role",
        "角色"),
    "audit.col.session": (
        "Session",
        "会话"),
    "audit.col.action": (
        "Action",
        "操作"),
    "audit.col.subject": (
        "Subject",
        "对象"),
    "audit.col.details": (
        "Details",
        "详情"),
}

UI_TEXTS: dict[str, tuple[str, str]] = {
    **_APP, **_AUTH, **_NAMES, **_HOME, **_DECISION, **_APPLY, **_DRAW, **_LOANS, **_BOOK, **_AUDIT,
}
