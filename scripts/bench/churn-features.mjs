// One customer's ten churn features, as the benchmarks send or log them: the logger benchmark in
// core, and the request body of the middleware's throughput and instruction benchmarks.
export const churnFeatures = Object.freeze({
  tenure: 12,
  MonthlyCharges: 70.35,
  TotalCharges: 844.2,
  SeniorCitizen: 0,
  Contract: 'Month-to-month',
  InternetService: 'Fiber optic',
  PaymentMethod: 'Electronic check',
  PaperlessBilling: 'Yes',
  TechSupport: 'No',
  gender: 'Female',
});
