// Generates large, valid plans for benchmarks and soak tests: N communities, each with tiers,
// content, activities, a referral, a channel and KPIs, about 60 lines per community.
export function generatePlan(targetLines: number): string {
    const head = `plan "Generated ${targetLines}" {
  start 2027-01-04
  horizon 26 weeks
  timezone "Asia/Shanghai"
  currency CNY
  budget 5000000 CNY
  team 40 people, 40 hours per week each
}

platform Groups { kind wechat-group  group capacity 500 }
audience People { size 2000000  age 20..45  active 07:00-09:00, 19:00-23:00 }
`;
    const parts = [head];
    let lines = head.split('\n').length;
    for (let i = 0; lines < targetLines; i++) {
        const block = `
community C${i} "社群 ${i}" {
  theme "Generated community ${i}"
  platform Groups
  audience People
  order value 100 CNY ± 20 CNY
  tier Fans${i} {
    entry share post
    seed 200 members
    churn 10% per month ± 3%
    active 25% weekly
    buys 1% per month
  }
  tier Core${i} {
    entry fee 1 CNY per day
    from Fans${i} 5% per month ± 2%
    churn 4% per month
    active 60% weekly
  }
  content Tips${i} {
    kind educational  format video
    every day at 20:00
    for Fans${i}, Core${i}
    cost 100 CNY per post
  }
  content Deals${i} {
    kind promotional  format image
    every week on Friday at 12:00
    label "广告"
  }
  activity Challenge${i} {
    online challenge
    every week on Monday from 2027-01-11 until 2027-03-29
    lasts 7 days
    for Core${i}
    reach 40% ± 10%
    lift retention 2 points
    cost 500 CNY per run
  }
  referral Invite${i} {
    mechanic invite-code
    reward 10 CNY each side
    invites 0.5 per member per month
    conversion 20%
    cycle 7 days
  }
  channel Ads${i} { paid 1000 CNY per week  cost per join 15 CNY ± 5 CNY }
  organic { innovation 0.01 per month  imitation 0.3 per month }
  kpi members >= 2000 by week 26
  kpi conversion Fans${i} -> Core${i} >= 4% per month
}
`;
        parts.push(block);
        lines += block.split('\n').length - 1;
    }
    return parts.join('');
}

/** A generated plan of about `bytes` characters (the scale benchmark's 5 MB plan). */
export function generatePlanOfSize(bytes: number): string {
    const sample = generatePlan(2000);
    const lines = Math.ceil((2000 * bytes) / sample.length);
    return generatePlan(lines);
}
