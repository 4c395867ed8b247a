"""A quick check of the seeded demo as credit-model data: `python -m app.demo.check`.

Prints, for the database at DATABASE_URL: the realised loans (closed, or ever
more than 30 days past due), the bads among them (`Loan.max_dpd > 30`), the bad
rate by decile of the sellers' hidden quality, and how well the platform data
dated before each loan's draw date ranks the outcomes: the AUC of each
observable alone and of a ridge-penalised logistic regression on all of them, out of
fold over five groups of sellers (a hold-out of sellers, five times).

The features are built here from the raw rows, independently of
`app.scoring`: daily sales and monthly behaviour of the 6 complete calendar
months before the draw month, and the seller's loans closed before the draw
date. Nothing dated on or after the draw date is read.

Statistics only: ratios, ranks and AUCs are binary floats here (numpy/pandas);
no money is computed or stored by this module.
"""

from __future__ import annotations

import math
from dataclasses import dataclass
from datetime import date

import numpy as np
import pandas as pd
from sqlalchemy import func, select

from app.config import BAD_DPD, LoanStatus
from db.engine import get_engine
from db.models import BehaviourMetric, DailySales, DemoSellerProfile, Loan, Shop

WINDOW_MONTHS = 6
FOLDS = 5
# observable → the direction in which it signals a better seller (+1 higher is better)
FEATURES = {
    "refund_rate": -1, "dispute_rate": -1, "complaint_rate": -1, "positive_share": +1, "shop_rating": +1,
    "repeat_share": +1, "sales_volatility": -1, "sales_trend": +1, "log_monthly_sales": +1,
    "login_days": +1, "login_spread": -1, "posts": +1, "ad_share": +1, "tenure_months": +1,
    "certified": +1, "on_time_loans": +1, "late_loans": -1,
}


@dataclass(frozen=True)
class Decile:
    decile: int
    quality_low: int
    quality_high: int
    loans: int
    bads: int

    @property
    def bad_rate(self) -> float:
        return self.bads / self.loans if self.loans else 0.0


@dataclass(frozen=True)
class Check:
    loans: int
    realised: int
    bads: int
    deciles: list[Decile]  # by the hidden quality of the realised loans' sellers, lowest first
    quality_auc: float  # the hidden quality alone (what the data could at best reveal)
    feature_auc: dict[str, float]  # each observable alone, oriented as FEATURES says
    model_auc: float  # logistic regression on all observables, out of fold by seller

    @property
    def bad_rate(self) -> float:
        return self.bads / self.realised if self.realised else 0.0

    @property
    def top_half_bad_rate(self) -> float:
        top = self.deciles[len(self.deciles) // 2:]
        loans = sum(d.loans for d in top)
        return sum(d.bads for d in top) / loans if loans else 0.0

    def lines(self) -> list[str]:
        out = [f"loans {self.loans}, realised {self.realised} (closed or ever > {BAD_DPD} DPD), "
               f"bads {self.bads} ({self.bad_rate:.1%})",
               "bad rate by decile of seller quality (realised loans):"]
        out += [f"  decile {d.decile:2d}  quality {d.quality_low:2d}-{d.quality_high:2d}  "
                f"loans {d.loans:4d}  bads {d.bads:3d}  {d.bad_rate:6.1%}" for d in self.deciles]
        out.append(f"  lowest decile {self.deciles[0].bad_rate:.1%}, top half {self.top_half_bad_rate:.1%}")
        out.append(f"AUC of the hidden quality: {self.quality_auc:.3f}")
        out.append(f"AUC, logistic regression on pre-draw data, {FOLDS}-fold by seller: {self.model_auc:.3f}")
        out.append("AUC of each observable alone: " + ", ".join(
            f"{name} {auc:.2f}" for name, auc in sorted(self.feature_auc.items(), key=lambda kv: -kv[1])))
        return out


def auc(scores: np.ndarray, bad: np.ndarray) -> float:
    """Probability that a random good scores higher than a random bad (ties count half).
    A statistic of the model check, not money: float (and NaN without both classes) is right."""
    ranks = pd.Series(scores).rank().to_numpy()
    goods, bads = int((~bad).sum()), int(bad.sum())
    if not goods or not bads:
        return float("nan")
    return float((ranks[~bad].sum() - goods * (goods + 1) / 2) / (goods * bads))


def _read(query) -> pd.DataFrame:
    with get_engine().connect() as connection:
        return pd.DataFrame(connection.execute(query).mappings().all())


def _month_index(days: pd.Series) -> pd.Series:
    return pd.Series([d.year * 12 + d.month - 1 for d in days], index=days.index)


SALES_COLUMNS = ("gross", "refunds", "orders", "buyers", "repeat", "disputes")
BEHAVIOUR_COLUMNS = ("login_days", "reviews", "positive_reviews", "shop_rating_x100", "complaints",
                     "community_posts", "ad_spend_fen")


def _grids(frame: pd.DataFrame, columns: tuple[str, ...], first: int, months: int) -> dict[str, np.ndarray]:
    """Per shop: a (months × columns) array of monthly values from month index `first`, NaN where none."""
    grids = {}
    for shop_id, part in frame.groupby("shop_id"):
        grid = np.full((months, len(columns)), np.nan)
        grid[part["m"].to_numpy() - first] = part[list(columns)].to_numpy(dtype=float)
        grids[shop_id] = grid
    return grids


def loan_features(loans: pd.DataFrame) -> pd.DataFrame:
    """The observables of each loan's seller in the 6 complete months before its draw month."""
    sales = _read(select(DailySales.shop_id, DailySales.day, DailySales.sales_fen, DailySales.refunds_fen,
                         DailySales.order_count, DailySales.buyer_count, DailySales.repeat_buyer_count,
                         DailySales.dispute_count))
    sales["m"] = _month_index(sales["day"])
    monthly = sales.groupby(["shop_id", "m"], as_index=False).agg(
        gross=("sales_fen", "sum"), refunds=("refunds_fen", "sum"), orders=("order_count", "sum"),
        buyers=("buyer_count", "sum"), repeat=("repeat_buyer_count", "sum"),
        disputes=("dispute_count", "sum"))
    behaviour = _read(select(BehaviourMetric))
    behaviour["m"] = _month_index(behaviour["month"])
    first = int(min(monthly["m"].min(), behaviour["m"].min())) - WINDOW_MONTHS
    months = int(max(monthly["m"].max(), behaviour["m"].max())) - first + 2
    sales_grids = _grids(monthly, SALES_COLUMNS, first, months)
    behaviour_grids = _grids(behaviour, BEHAVIOUR_COLUMNS, first, months)
    empty = np.full((months, 1), np.nan)
    closed = loans[loans.status == LoanStatus.CLOSED.value]
    record = {seller_id: (part.closed_on.to_numpy(), part.max_dpd.to_numpy())
              for seller_id, part in closed.groupby("seller_id")}
    rows = []
    for loan in loans.itertuples():
        drawn: date = loan.start_date
        last = drawn.year * 12 + drawn.month - 2 - first  # the last complete month before the draw
        window = slice(last - WINDOW_MONTHS + 1, last + 1)
        s = dict(zip(SALES_COLUMNS, np.nan_to_num(sales_grids.get(loan.shop_id, empty)[window]).T,
                     strict=False))
        b_rows = behaviour_grids.get(loan.shop_id, empty)[window]
        b_rows = b_rows[~np.isnan(b_rows[:, 0])]
        b = dict(zip(BEHAVIOUR_COLUMNS, b_rows.T, strict=False))
        seen = len(b_rows)
        net = (s["gross"] - s["refunds"]) / 100
        orders = max(1.0, s["orders"].sum())
        closed_on, max_dpd = record.get(loan.seller_id, (np.array([]), np.array([])))
        earlier = max_dpd[closed_on < drawn]
        rows.append({
            "refund_rate": s["refunds"].sum() / max(1.0, s["gross"].sum()),
            "dispute_rate": s["disputes"].sum() / orders,
            "complaint_rate": b["complaints"].sum() / orders if seen else 0.0,
            "positive_share": b["positive_reviews"].sum() / max(1.0, b["reviews"].sum()) if seen else 0.0,
            "shop_rating": b["shop_rating_x100"].mean() / 100 if seen else 0.0,
            "repeat_share": s["repeat"].sum() / max(1.0, s["buyers"].sum()),
            "sales_volatility": net.std() / max(1.0, net.mean()),
            "sales_trend": math.log((net[3:].sum() + 100) / (net[:3].sum() + 100)),
            "log_monthly_sales": math.log(max(1.0, net.mean())),
            "login_days": b["login_days"].mean() if seen else 0.0,
            "login_spread": b["login_days"].std(ddof=1) if seen > 1 else 0.0,
            "posts": b["community_posts"].mean() if seen else 0.0,
            "ad_share": b["ad_spend_fen"].sum() / max(1.0, s["gross"].sum()) if seen else 0.0,
            "tenure_months": (drawn - loan.member_since).days / 30.4,
            # model features (numpy statistics, never money): floats by design
            "certified": float(loan.certified),
            "on_time_loans": float((earlier == 0).sum()),
            "late_loans": float((earlier > 0).sum()),
        })
    return pd.DataFrame(rows, index=loans.index)


def logistic_fit(x: np.ndarray, y: np.ndarray, ridge: float = 30.0, steps: int = 25) -> np.ndarray:
    """Weights (intercept first) of an L2-penalised logistic regression, by Newton's method."""
    x1 = np.column_stack([np.ones(len(x)), x])
    w = np.zeros(x1.shape[1])
    penalty = ridge * np.eye(x1.shape[1])
    penalty[0, 0] = 0.0
    for _ in range(steps):
        p = 1 / (1 + np.exp(-x1 @ w))
        gradient = x1.T @ (p - y) + penalty @ w
        hessian = (x1 * (p * (1 - p))[:, None]).T @ x1 + penalty
        w -= np.linalg.solve(hessian, gradient)
    return w


def out_of_fold_scores(x: np.ndarray, y: np.ndarray, groups: np.ndarray) -> np.ndarray:
    """Predicted bad probability of every loan by a model fitted without its seller's fold."""
    folds = groups % FOLDS
    scores = np.zeros(len(y))
    for fold in range(FOLDS):
        train, test = folds != fold, folds == fold
        mean, sd = x[train].mean(axis=0), x[train].std(axis=0) + 1e-9
        w = logistic_fit((x[train] - mean) / sd, y[train])
        scores[test] = 1 / (1 + np.exp(-(w[0] + ((x[test] - mean) / sd) @ w[1:])))
    return scores


def run_check() -> Check:
    quality = func.coalesce(DemoSellerProfile.quality, 0).label("quality")
    loans = _read(select(Loan.id, Loan.seller_id, Loan.shop_id, Loan.start_date, Loan.status,
                         Loan.closed_on, Loan.max_dpd, quality, Shop.member_since, Shop.certified)
                  .outerjoin(DemoSellerProfile, DemoSellerProfile.seller_id == Loan.seller_id)
                  .join(Shop, Shop.id == Loan.shop_id)
                  .order_by(Loan.id))
    realised = loans[(loans.status == LoanStatus.CLOSED.value) | (loans.max_dpd > BAD_DPD)].copy()
    realised["bad"] = realised.max_dpd > BAD_DPD
    bad = realised["bad"].to_numpy()
    ranked = realised.sort_values(["quality", "id"]).reset_index(drop=True)
    deciles = []
    for k, positions in enumerate(np.array_split(np.arange(len(ranked)), 10), start=1):
        part = ranked.iloc[positions]
        deciles.append(Decile(k, int(part.quality.min()), int(part.quality.max()), len(part),
                              int(part.bad.sum())))
    features = loan_features(loans).loc[realised.index]
    x = features[list(FEATURES)].to_numpy(dtype=float)
    feature_auc = {name: auc(sign * features[name].to_numpy(dtype=float), bad)
                   for name, sign in FEATURES.items()}
    scores = out_of_fold_scores(x, bad.astype(float), realised.seller_id.to_numpy())
    return Check(loans=len(loans), realised=len(realised), bads=int(bad.sum()), deciles=deciles,
                 quality_auc=auc(realised.quality.to_numpy(dtype=float), bad), feature_auc=feature_auc,
                 model_auc=auc(-scores, bad))


def main() -> None:
    for line in run_check().lines():
        print(line)


if __name__ == "__main__":
    main()
